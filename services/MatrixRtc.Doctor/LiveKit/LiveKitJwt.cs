using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.LiveKit;

/// <summary>The claims of a LiveKit access token, decoded without verifying the signature (the doctor has no secret to verify with).</summary>
public sealed record LiveKitJwt(string? Identity, string? Room, bool RoomJoin, bool RoomCreate, DateTimeOffset? NotBefore, DateTimeOffset? Expires)
{
    /// <summary>Null when <paramref name="jwt"/> is not a decodable JWT.</summary>
    public static LiveKitJwt? TryDecode(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var padded = parts[1].Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            if (JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded))) is not JsonObject claims)
            {
                return null;
            }

            var video = claims["video"] as JsonObject;
            return new LiveKitJwt(
                Text(claims["sub"]),
                Text(video?["room"]),
                Flag(video?["roomJoin"]),
                Flag(video?["roomCreate"]),
                Time(claims["nbf"]),
                Time(claims["exp"]));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
