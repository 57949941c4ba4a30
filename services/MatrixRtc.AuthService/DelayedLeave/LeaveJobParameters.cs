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
    string LiveKitIdentity)
{
    /// <summary>
    /// The longest countdown a job accepts. Upstream has no bound; .NET timers end at about 49.7 days
    /// and a restart fires every 0.8 T, and homeservers cap delays far lower (Synapse's
    /// max_event_delay_duration), so a week is generous.
    /// </summary>
    public static readonly TimeSpan MaxDelayTimeout = TimeSpan.FromDays(7);

    /// <summary>Why these parameters cannot make a job, or null when they can.</summary>
    public string? Problem => DelayTimeout <= TimeSpan.Zero || DelayTimeout > MaxDelayTimeout
        ? $"invalid delay timeout for delayed event job: {DelayTimeout} (must be positive and at most {MaxDelayTimeout.TotalDays:0} days)"
        : null;
}
