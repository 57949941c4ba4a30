using System.Collections.Concurrent;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>A store in a dictionary, with a log of operations; optionally failing every call.</summary>
internal sealed class InMemoryLeaveJobStore : ILeaveJobStore
{
    public ConcurrentDictionary<LeaveJobKey, StoredLeaveJob> Entries { get; } = new();

    public ConcurrentQueue<string> Operations { get; } = new();

    public bool Failing { get; init; }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken)
    {
        Operations.Enqueue($"save {job.Parameters.DelayId}");
        ThrowIfFailing();
        Entries[job.Key] = job;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken)
    {
        Operations.Enqueue($"delete {key.LiveKitIdentity}");
        ThrowIfFailing();
        Entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult<IReadOnlyList<StoredLeaveJob>>([.. Entries.Values]);
    }

    private void ThrowIfFailing()
    {
        if (Failing)
        {
            throw new IOException("store is down");
        }
    }
}
