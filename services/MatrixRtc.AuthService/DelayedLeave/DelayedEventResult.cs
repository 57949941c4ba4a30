namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>How a restart or send ended, when, after how many HTTP attempts, and the last failure.</summary>
public sealed record DelayedEventResult(DelayedEventOutcome Outcome, DateTimeOffset CompletedAt, int Attempts, string? LastError);

public enum DelayedEventOutcome
{
    Succeeded,

    /// <summary>Restart only: the homeserver does not know the delay ID (404); permanent.</summary>
    NotFound,

    /// <summary>Every attempt failed and the budget left no room for another.</summary>
    GaveUp,
}
