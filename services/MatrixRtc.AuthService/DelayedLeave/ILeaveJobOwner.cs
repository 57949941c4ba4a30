namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>How a job reports to its registry (the Go "handler"); both calls must return at once.</summary>
internal interface ILeaveJobOwner
{
    /// <summary>The homeserver accepted a restart at <paramref name="restartedAt"/>.</summary>
    void JobRestarted(LeaveJob job, DateTimeOffset restartedAt);

    /// <summary>The job is done: aborted, or disconnected and the send procedure finished.</summary>
    void JobFinished(LeaveJob job);
}
