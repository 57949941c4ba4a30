namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// The transition table of a delayed-leave job. Every (state, event) pair not listed is ignored without side
/// effects; the one internal action (a restart attempt on DelayedEventReset while Connected) is not a
/// transition and is handled by the job.
/// </summary>
public static class LeaveJobTransitions
{
    /// <returns>The next state, or null when the event is ignored in <paramref name="from"/>.</returns>
    public static LeaveJobState? Next(LeaveJobState from, LeaveJobEvent leaveJobEvent) => (from, leaveJobEvent) switch
    {
        (not LeaveJobState.Replaced, LeaveJobEvent.JobReplaced) => LeaveJobState.Replaced,

        (LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantConnected) => LeaveJobState.Connected,
        (LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantLookupSuccessful) => LeaveJobState.Connected,
        (LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantConnectionAborted) => LeaveJobState.Aborted,
        (LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.WaitingStateTimedOut) => LeaveJobState.Disconnected,

        (LeaveJobState.Connected, LeaveJobEvent.ParticipantDisconnectedIntentionally) => LeaveJobState.Disconnected,
        (LeaveJobState.Connected, LeaveJobEvent.ParticipantConnectionAborted) => LeaveJobState.Disconnected,
        (LeaveJobState.Connected, LeaveJobEvent.SfuParticipantGone) => LeaveJobState.Disconnected,
        (LeaveJobState.Connected, LeaveJobEvent.DelayedEventTimedOut) => LeaveJobState.Aborted,
        (LeaveJobState.Connected, LeaveJobEvent.DelayedEventNotFound) => LeaveJobState.Aborted,
        (LeaveJobState.Connected, LeaveJobEvent.CsApiUrlNotFound) => LeaveJobState.Aborted,

        _ => null,
    };

    public static bool IsTerminal(LeaveJobState state) =>
        state is LeaveJobState.Disconnected or LeaveJobState.Aborted or LeaveJobState.Replaced;
}
