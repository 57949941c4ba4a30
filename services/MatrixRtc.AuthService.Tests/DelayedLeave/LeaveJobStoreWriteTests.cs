using System.Collections.Concurrent;
using System.Diagnostics;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>A slow store neither stalls requests behind each other nor grows a queue: writes coalesce per job.</summary>
public sealed class LeaveJobStoreWriteTests
{
    /// <summary>A store whose writes hang until the test opens the gate.</summary>
    private sealed class GatedStore : ILeaveJobStore
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<StoredLeaveJob> Saved { get; } = new();

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken)
        {
            Saved.Enqueue(job);
            await Gate.Task;
        }

        public async Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken) => await Gate.Task;

        public Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredLeaveJob>>([]);
    }

    [Fact]
    public async Task Registrations_wait_at_most_the_limit_in_parallel_and_superseded_writes_are_skipped()
    {
        var store = new GatedStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var ct = TestContext.Current.CancellationToken;
        var first = harness.Registry.RegisterAsync(RegistryHarness.Job("a1", identity: "a", timeoutMs: 60_000), ct);
        await Eventually.TrueAsync(() => store.Saved.Count == 1, "the first write reaches the store and hangs");

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            first,
            harness.Registry.RegisterAsync(RegistryHarness.Job("b1", identity: "b", timeoutMs: 60_000), ct),
            harness.Registry.RegisterAsync(RegistryHarness.Job("a2", identity: "a", timeoutMs: 60_000), ct),
            harness.Registry.RegisterAsync(RegistryHarness.Job("a3", identity: "a", timeoutMs: 60_000), ct));
        Assert.True(clock.Elapsed < LeaveJobRegistry.StoreWaitLimit * 2, $"registrations took {clock.Elapsed}, waiting behind each other");

        store.Gate.SetResult();
        await Eventually.TrueAsync(() => store.Saved.Count == 3, "the queued writes reach the store");
        await Task.Delay(200, ct);
        // a1 was in flight; b1 queued next; a2 was superseded by a3 before it reached the store.
        Assert.Equal(["a1", "b1", "a3"], store.Saved.Select(j => j.Parameters.DelayId));
    }

    [Fact]
    public async Task Delay_timeouts_beyond_the_maximum_are_rejected_and_deleted_on_restore()
    {
        await using var harness = await RegistryHarness.StartAsync();
        var tooLong = RegistryHarness.Job("long") with { DelayTimeout = LeaveJobParameters.MaxDelayTimeout + TimeSpan.FromMilliseconds(1) };
        var error = await Assert.ThrowsAsync<LeaveJobRejectedException>(() => harness.Registry.RegisterAsync(tooLong, TestContext.Current.CancellationToken));
        Assert.Equal(LeaveJobRejection.InvalidParameters, error.Reason);

        var store = (InMemoryLeaveJobStore)harness.Store;
        await store.SaveAsync(new StoredLeaveJob(tooLong, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        await harness.RestartServiceAsync();
        Assert.Empty(store.Entries);
        Assert.Equal(0, harness.Registry.Count);
    }
}
