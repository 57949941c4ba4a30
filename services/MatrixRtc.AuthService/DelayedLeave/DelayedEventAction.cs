namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>The MSC4140 action, the last path segment of the request.</summary>
public enum DelayedEventAction
{
    Restart,
    Send,
}
