namespace MatrixRtc.AuthService.LiveKit;

/// <summary>A RoomService call failed; the message names the room and the cause.</summary>
public sealed class LiveKitRoomServiceException(string message, Exception? inner = null) : Exception(message, inner);
