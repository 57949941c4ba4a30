using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MatrixRtc.Doctor.LiveKit;

/// <summary>
/// How the generations of lk-jwt-service (and our auth service) name LiveKit rooms and participants
/// for a Matrix room. All hashes are SHA-256 over UTF-8, unpadded standard base64.
/// </summary>
public static class LiveKitNames
{
    public const string RoomSlot = "m.call#ROOM";

    /// <summary>The room name current services use: <c>base64(sha256(["!room","m.call#ROOM"]))</c>.</summary>
    public static string RoomName(string matrixRoomId, string slotId = RoomSlot) =>
        Base64Sha256(JsonArray(matrixRoomId, slotId));

    /// <summary>Every room name any generation could have used, newest first, each with the generation's label.</summary>
    public static IReadOnlyList<(string Name, string Generation)> RoomNameCandidates(string matrixRoomId, string slotId = RoomSlot) =>
    [
        (RoomName(matrixRoomId, slotId), "v0.4.3+"),
        (Base64Sha256($"{matrixRoomId}|{slotId}"), "v0.4.1-v0.4.2"),
        (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{matrixRoomId}|{slotId}"))), "v0.4.0"),
        (matrixRoomId, "v0.3 or older"),
    ];

    /// <summary>Identity of a state-event member (legacy <c>/sfu/get</c>): <c>@user:hs:DEVICE</c>.</summary>
    public static string LegacyIdentity(string userId, string deviceId) => $"{userId}:{deviceId}";

    /// <summary>Identity minted by <c>/get_token</c>: <c>base64(sha256([user, device, memberId]))</c>.</summary>
    public static string HashedIdentity(string userId, string deviceId, string memberId) =>
        Base64Sha256(JsonArray(userId, deviceId, memberId));

    private static string Base64Sha256(string text) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=');

    /// <summary>
    /// A JSON array of strings escaped exactly like JavaScript's JSON.stringify (only quote, backslash
    /// and control characters): System.Text.Json's default encoder would also escape '+', '&lt;' and
    /// non-ASCII and so change the hash.
    /// </summary>
    internal static string JsonArray(params string[] items)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append('"');
            foreach (var c in items[i])
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                    default: builder.Append(c); break;
                }
            }

            builder.Append('"');
        }

        return builder.Append(']').ToString();
    }
}
