namespace MatrixRtc.AuthService.Testing;

/// <summary>A participant in a room of the fake SFU, identified as LiveKit identifies it.</summary>
public sealed record FakeSfuParticipant(string Room, string Identity);
