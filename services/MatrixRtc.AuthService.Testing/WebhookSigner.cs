using System.Security.Cryptography;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Testing;

/// <summary>Signs a webhook body as LiveKit's notifier does: a bare HS256 JWT with iss = key and sha256 = padded base64 of the body.</summary>
public static class WebhookSigner
{
    public static string Sign(byte[] body, string key = "devkey", string secret = "devsecret", long? exp = null, long? nbf = null, string? sha = null) =>
        Hs256Jwt.Sign(secret, claims =>
        {
            claims.WriteString("iss", key);
            if (exp is { } e)
            {
                claims.WriteNumber("exp", e);
            }

            if (nbf is { } n)
            {
                claims.WriteNumber("nbf", n);
            }

            claims.WriteString("sha256", sha ?? Convert.ToBase64String(SHA256.HashData(body)));
        });
}
