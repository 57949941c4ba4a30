using System.Buffers;
using System.Security.Cryptography;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// The pseudonymous names MSC4195 gives a call on the SFU: unpadded standard base64 of SHA-256 over
/// the Go JSON encoding of the inputs, so the SFU never sees Matrix room or user IDs.
/// </summary>
public static class LiveKitRoomNamer
{
    /// <summary>The slot legacy <c>/sfu/get</c> clients are placed in.</summary>
    public const string LegacySlotId = "m.call#ROOM";

    public static string RoomName(string matrixRoomId, string slotId) => Hash(matrixRoomId, slotId);

    public static string ParticipantIdentity(string userId, string deviceId, string memberId) => Hash(userId, deviceId, memberId);

    /// <summary>Legacy <c>/sfu/get</c> identity, in clear.</summary>
    public static string LegacyParticipantIdentity(string userId, string deviceId) => $"{userId}:{deviceId}";

    private static string Hash(params ReadOnlySpan<string> parts)
    {
        var json = new ArrayBufferWriter<byte>(256);
        GoJsonStringArray.Write(json, parts);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json.WrittenSpan, digest);
        Span<char> base64 = stackalloc char[44]; // 32 bytes: 43 characters and one '='
        Convert.TryToBase64Chars(digest, base64, out var written);
        return new string(base64[..written].TrimEnd('='));
    }
}
