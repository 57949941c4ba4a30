using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.LiveKit;

/// <summary>Mints LiveKit access tokens (HS256 JWTs signed with the API secret) for the doctor's own requests.</summary>
public sealed class LiveKitAccessToken(string apiKey, string apiSecret, TimeProvider time)
{
    /// <summary>A server token for the Twirp RoomService; <paramref name="video"/> holds the grants, e.g. <c>{"roomList":true}</c>.</summary>
    public string Mint(JsonObject video, string identity = "rtc-doctor", TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = apiKey,
            ["sub"] = identity,
            ["nbf"] = now - 10,
            ["exp"] = now + (long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds,
            ["video"] = video,
        };
        var header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
