namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>A persisted job: its parameters and when the homeserver countdown was last (re)started.</summary>
public sealed record StoredLeaveJob(LeaveJobParameters Parameters, DateTimeOffset RestartedAt)
{
    public LeaveJobKey Key => LeaveJobKey.Of(Parameters);

    /// <summary>The homeserver has fired the event itself by now.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => RestartedAt + Parameters.DelayTimeout <= now;
}
