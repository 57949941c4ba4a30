namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>The states of a delayed-leave job; the last three are terminal.</summary>
public enum LeaveJobState
{
    WaitingForInitialConnect,
    Connected,

    /// <summary>The participant left or never came: the leave event is sent.</summary>
    Disconnected,

    /// <summary>Keeping the delayed event alive failed: nothing is sent, the homeserver fires it itself.</summary>
    Aborted,

    /// <summary>A newer job took over the key: silent.</summary>
    Replaced,
}
