namespace MatrixRtc.Doctor.LiveKit;

/// <summary>A LiveKit room (the turn password LiveKit also returns is deliberately not kept).</summary>
public sealed record LiveKitRoom(string Name, string Sid, int NumParticipants);
