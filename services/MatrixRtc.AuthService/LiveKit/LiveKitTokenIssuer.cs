using System.Text.Json;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>Mints the LiveKit JWTs: participant access tokens for clients, server tokens for the RoomService API.</summary>
public sealed class LiveKitTokenIssuer(LiveKitCredentials credentials, TimeProvider time)
{
    public static readonly TimeSpan ParticipantTokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ServerTokenLifetime = TimeSpan.FromHours(6);

    /// <summary>A token that lets <paramref name="identity"/> join, publish and subscribe in <paramref name="roomName"/>.</summary>
    /// <exception cref="InvalidOperationException">The key or secret is empty.</exception>
    public string ParticipantToken(string identity, string roomName)
    {
        EnsureCredentials();
        return Sign(identity, ParticipantTokenLifetime, video =>
        {
            video.WriteBoolean("roomJoin", true);
            video.WriteString("room", roomName);
            video.WriteBoolean("canPublish", true);
            video.WriteBoolean("canSubscribe", true);
            video.WriteBoolean("canUpdateOwnMetadata", true);
        });
    }

    /// <summary>A server token allowed to create rooms.</summary>
    public string RoomCreateToken()
    {
        EnsureCredentials();
        return Sign(null, ServerTokenLifetime, video => video.WriteBoolean("roomCreate", true));
    }

    /// <summary>A server token with admin rights on one room (GetParticipant).</summary>
    public string RoomAdminToken(string roomName)
    {
        EnsureCredentials();
        return Sign(null, ServerTokenLifetime, video =>
        {
            video.WriteBoolean("roomAdmin", true);
            video.WriteString("room", roomName);
        });
    }

    private string Sign(string? identity, TimeSpan lifetime, Action<Utf8JsonWriter> writeVideoGrant)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return Hs256Jwt.Sign(credentials.Secret, claims =>
        {
            claims.WriteString("iss", credentials.Key);
            if (identity is not null)
            {
                claims.WriteString("sub", identity);
                claims.WriteString("identity", identity);
            }

            claims.WriteNumber("iat", now);
            claims.WriteNumber("nbf", now);
            claims.WriteNumber("exp", now + (long)lifetime.TotalSeconds);
            claims.WriteStartObject("video");
            writeVideoGrant(claims);
            claims.WriteEndObject();
        });
    }

    private void EnsureCredentials()
    {
        if (credentials.Key.Length == 0 || credentials.Secret.Length == 0)
        {
            throw new InvalidOperationException("LiveKit API key and secret must not be empty");
        }
    }
}
