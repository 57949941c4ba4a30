namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>Everything that can happen to a job.</summary>
public enum LeaveJobEvent
{
    /// <summary>Join webhook.</summary>
    ParticipantConnected,

    /// <summary>The SFU said the participant is present (phase 1 lookup).</summary>
    ParticipantLookupSuccessful,

    /// <summary>Leave webhook with reason CLIENT_INITIATED.</summary>
    ParticipantDisconnectedIntentionally,

    /// <summary>Leave webhook with any other reason.</summary>
    ParticipantConnectionAborted,

    /// <summary>The restart timer fired: time to restart the delayed event.</summary>
    DelayedEventReset,

    /// <summary>The deadline passed, or restarting failed for good.</summary>
    DelayedEventTimedOut,

    /// <summary>The homeserver answered 404 to a restart.</summary>
    DelayedEventNotFound,

    /// <summary>The Client-Server API of the homeserver could not be resolved.</summary>
    CsApiUrlNotFound,

    /// <summary>The participant did not show up within min(1 h, T).</summary>
    WaitingStateTimedOut,

    /// <summary>The sanity check (phase 2) found the participant gone from the SFU.</summary>
    SfuParticipantGone,

    /// <summary>A newer job took over the key.</summary>
    JobReplaced,

    /// <summary>Defined upstream and never emitted; kept so the table covers it.</summary>
    SfuNotAvailable,
}
