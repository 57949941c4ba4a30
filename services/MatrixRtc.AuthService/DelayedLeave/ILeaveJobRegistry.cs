namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>The jobs, keyed by (LiveKit room, identity); at most one job per key.</summary>
public interface ILeaveJobRegistry
{
    /// <summary>
    /// Starts a job, replacing any job with the same key, and persists it before returning.
    /// </summary>
    /// <exception cref="LeaveJobRejectedException">Shutting down, or invalid parameters.</exception>
    Task RegisterAsync(LeaveJobParameters parameters, CancellationToken cancellationToken);

    /// <summary>Routes a webhook event to the job with that key; returns at once.</summary>
    void OnParticipantEvent(string liveKitRoom, string liveKitIdentity, ParticipantEvent participantEvent);

    /// <summary>Loads persisted jobs: expired ones are deleted unsent, the others restart waiting.</summary>
    Task RestoreAsync(CancellationToken cancellationToken);
}
