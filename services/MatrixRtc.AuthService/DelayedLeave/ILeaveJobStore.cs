namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>Where jobs survive a restart of the service. Callers serialise the calls.</summary>
public interface ILeaveJobStore
{
    /// <summary>Connects and checks the store at start-up.</summary>
    /// <exception cref="LeaveJobStoreUnavailableException">The store cannot be used; the service must not start.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds or overwrites the entry of the job's key.</summary>
    Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken);

    /// <summary>Removes the entry; a missing entry is not an error.</summary>
    Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken);

    /// <summary>Every readable entry; unreadable ones are skipped with a warning and left in place.</summary>
    Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken);
}
