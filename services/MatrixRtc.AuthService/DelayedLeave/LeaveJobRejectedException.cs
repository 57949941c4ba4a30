namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>Why a job could not be registered; mapped to 503 or 400 by the endpoints.</summary>
public sealed class LeaveJobRejectedException(LeaveJobRejection reason, string message) : Exception(message)
{
    public LeaveJobRejection Reason { get; } = reason;
}

public enum LeaveJobRejection
{
    ShuttingDown,
    InvalidParameters,
}
