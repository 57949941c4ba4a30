using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>No LIVEKIT_REDIS_URL: nothing is persisted, jobs are lost when the service stops.</summary>
public sealed class NoLeaveJobStore(ILogger<NoLeaveJobStore> logger) : ILeaveJobStore
{
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        // The Go service's words; in fact there is no store at all.
        logger.LogWarning("LIVEKIT_REDIS_URL not set. Using in-memory store.");
        return Task.CompletedTask;
    }

    public Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredLeaveJob>>([]);
}
