using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>HS256 JWTs as LiveKit and lk-jwt-service use them, written independently of the doctor's own minting code.</summary>
public static class HmacJwt
{
    public static string Sign(JsonObject claims, string secret)
    {
        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return $"{header}.{payload}.{Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes($"{header}.{payload}")))}";
    }

    /// <summary>The claims if the signature is valid for <paramref name="secret"/> and the token is within nbf/exp; otherwise null.</summary>
    public static JsonObject? Verify(string token, string secret)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Decode(parts[1]))) as JsonObject;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return claims is not null && (long?)claims["exp"] > now && ((long?)claims["nbf"] ?? 0) <= now ? claims : null;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
