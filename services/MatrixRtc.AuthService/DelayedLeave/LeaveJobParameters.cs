namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// A delegated MSC4140 leave: the homeserver's delayed event <see cref="DelayId"/> with countdown
/// <see cref="DelayTimeout"/>, kept alive while <see cref="LiveKitIdentity"/> is in <see cref="LiveKitRoom"/>.
/// </summary>
public sealed record LeaveJobParameters(
    string DelayId,
    TimeSpan DelayTimeout,
    string ServerName,
    string LiveKitRoom,
    string LiveKitIdentity);
