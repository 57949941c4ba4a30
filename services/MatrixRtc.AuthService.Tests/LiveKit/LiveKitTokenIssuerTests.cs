using System.Text.Json;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class LiveKitTokenIssuerTests
{
    private static readonly LiveKitCredentials Credentials = new("devkey", "devsecret_devsecret_devsecret_00");
    private static readonly FakeTimeProvider Time = new();
    private static readonly DateTimeOffset Now = Time.GetUtcNow();
    private readonly LiveKitTokenIssuer issuer = new(Credentials, Time);

    private static JsonElement Verify(string token) =>
        Hs256Jwt.Verify(token, iss => iss == Credentials.Key ? Credentials.Secret : null);

    [Fact]
    public void Participant_token_has_every_specified_claim_and_grant()
    {
        var token = issuer.ParticipantToken("identity-1", "room-1");
        var header = JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[0]))).RootElement;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());

        var claims = Verify(token);
        var now = Now.ToUnixTimeSeconds();
        Assert.Equal("devkey", claims.GetProperty("iss").GetString());
        Assert.Equal("identity-1", claims.GetProperty("sub").GetString());
        Assert.Equal("identity-1", claims.GetProperty("identity").GetString());
        Assert.Equal(now, claims.GetProperty("iat").GetInt64());
        Assert.Equal(now, claims.GetProperty("nbf").GetInt64());
        Assert.Equal(now + 3600, claims.GetProperty("exp").GetInt64());
        var video = claims.GetProperty("video");
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.Equal("room-1", video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("canPublish").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.True(video.GetProperty("canUpdateOwnMetadata").GetBoolean());
        Assert.False(video.TryGetProperty("roomCreate", out _));
        foreach (var absent in new[] { "name", "metadata", "attributes", "kind", "jti", "aud" })
        {
            Assert.False(claims.TryGetProperty(absent, out _), absent);
        }
    }

    [Fact]
    public void Server_tokens_last_six_hours_and_carry_only_their_grant()
    {
        var create = Verify(issuer.RoomCreateToken());
        Assert.False(create.TryGetProperty("sub", out _));
        Assert.Equal(Now.ToUnixTimeSeconds() + 6 * 3600, create.GetProperty("exp").GetInt64());
        Assert.Equal("""{"roomCreate":true}""", create.GetProperty("video").GetRawText());

        var admin = Verify(issuer.RoomAdminToken("r"));
        Assert.Equal("""{"roomAdmin":true,"room":"r"}""", admin.GetProperty("video").GetRawText());
    }

    [Fact]
    public void Token_signed_with_another_secret_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => Hs256Jwt.Verify(issuer.ParticipantToken("i", "r"), _ => "other"));

    [Fact]
    public void Empty_credentials_cannot_mint() =>
        Assert.Throws<InvalidOperationException>(() =>
            new LiveKitTokenIssuer(new LiveKitCredentials("", ""), TimeProvider.System).ParticipantToken("i", "r"));

    [Fact]
    public void Credentials_never_print_the_secret() =>
        Assert.DoesNotContain(Credentials.Secret, Credentials.ToString(), StringComparison.Ordinal);

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
