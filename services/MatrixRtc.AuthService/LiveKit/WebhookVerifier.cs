using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// Verifies a LiveKit webhook as LiveKit signs it: a bare HS256 JWT in <c>Authorization</c>, issued by
/// our API key, within its nbf/exp (60 s leeway), whose <c>sha256</c> claim is the padded standard
/// base64 SHA-256 of the exact body.
/// </summary>
public sealed class WebhookVerifier(LiveKitCredentials credentials, TimeProvider time)
{
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    /// <exception cref="JwtRejectedException">The webhook is not authentic.</exception>
    public void Verify(string? authorization, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            throw new JwtRejectedException("no Authorization header");
        }

        var claims = Hs256Jwt.Verify(authorization, issuer => issuer == credentials.Key ? credentials.Secret : null);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var leeway = (long)Leeway.TotalSeconds;
        if (TryGetSeconds(claims, "exp", out var exp) && now > exp + leeway)
        {
            throw new JwtRejectedException("token has expired");
        }

        if (TryGetSeconds(claims, "nbf", out var nbf) && now < nbf - leeway)
        {
            throw new JwtRejectedException("token is not valid yet");
        }

        var claimed = claims.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString()! : "";
        var actual = Convert.ToBase64String(SHA256.HashData(body));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(claimed), Encoding.ASCII.GetBytes(actual)))
        {
            throw new JwtRejectedException("sha256 checksum of body does not match");
        }
    }

    private static bool TryGetSeconds(JsonElement claims, string name, out long seconds)
    {
        seconds = 0;
        return claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds);
    }
}
