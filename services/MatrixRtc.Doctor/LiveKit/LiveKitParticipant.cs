namespace MatrixRtc.Doctor.LiveKit;

/// <summary>A participant as LiveKit's RoomService reports it.</summary>
public sealed record LiveKitParticipant(string Identity, string State, DateTimeOffset? JoinedAt);
