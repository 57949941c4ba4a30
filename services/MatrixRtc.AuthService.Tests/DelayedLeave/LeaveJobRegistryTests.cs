using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>The registry in real time with short T, against a homeserver over loopback HTTP.</summary>
public sealed class LeaveJobRegistryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_is_persisted_before_registration_returns()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var job = RegistryHarness.Job("d1");

        await harness.Registry.RegisterAsync(job, Cancel);

        var stored = Assert.Single(store.Entries.Values);
        Assert.Equal(job, stored.Parameters);
    }

    [Fact]
    public async Task Joined_participant_is_restarted_at_least_twice_within_T_plus_two_seconds_and_sent_on_leave()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var job = RegistryHarness.Job("d1");
        await harness.Registry.RegisterAsync(job, Cancel);

        harness.Webhook(job, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count >= 2, "two restarts", TimeSpan.FromMilliseconds(3500));

        harness.Webhook(job, ParticipantEvent.DisconnectedIntentionally);
        await Eventually.TrueAsync(() => store.Entries.IsEmpty, "the entry to be deleted after the send");
        Assert.Single(harness.Homeserver.RequestsFor("d1", "send"));
        Assert.Null(harness.Registry.StateOf(job.LiveKitRoom, job.LiveKitIdentity));
    }

    [Fact]
    public async Task A_participant_who_never_joins_is_sent_after_T()
    {
        await using var harness = await RegistryHarness.StartAsync();
        await harness.Registry.RegisterAsync(RegistryHarness.Job("d1", timeoutMs: 1000), Cancel);

        await Task.Delay(700, Cancel);
        Assert.Empty(harness.Homeserver.Requests);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "send").Count == 1, "the send after T");
        Assert.Empty(harness.Homeserver.RequestsFor("d1", "restart"));
    }

    [Fact]
    public async Task An_aborted_join_while_waiting_ends_the_job_without_sending()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var job = RegistryHarness.Job("d1", timeoutMs: 1000);
        await harness.Registry.RegisterAsync(job, Cancel);

        harness.Webhook(job, ParticipantEvent.ConnectionAborted);

        await Eventually.TrueAsync(() => store.Entries.IsEmpty, "the entry to be deleted");
        await Task.Delay(1500, Cancel);
        Assert.Empty(harness.Homeserver.Requests);
    }

    [Fact]
    public async Task A_new_job_for_the_same_key_replaces_the_old_one_which_makes_no_further_calls()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var first = RegistryHarness.Job("old");
        var second = RegistryHarness.Job("new");
        await harness.Registry.RegisterAsync(first, Cancel);
        harness.Webhook(first, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("old", "restart").Count == 1, "the old job's restart");

        await harness.Registry.RegisterAsync(second, Cancel);
        Assert.Equal("new", store.Entries.Values.Single().Parameters.DelayId);
        var oldRequests = harness.Homeserver.RequestsFor("old", "restart").Count;

        harness.Webhook(second, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("new", "restart").Count >= 2, "the new job's restarts", TimeSpan.FromSeconds(4));
        harness.Webhook(second, ParticipantEvent.ConnectionAborted);
        await Eventually.TrueAsync(() => store.Entries.IsEmpty, "the new job's entry to be deleted");

        Assert.Single(harness.Homeserver.RequestsFor("new", "send"));
        Assert.Equal(oldRequests, harness.Homeserver.RequestsFor("old", "restart").Count);
        Assert.Empty(harness.Homeserver.RequestsFor("old", "send"));
    }

    [Fact]
    public async Task A_replaced_job_finishing_late_does_not_remove_its_successor()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        harness.Homeserver.Respond = r => r.DelayId == "old" && r.Action == "send" ? new HomeserverResponse(200, "{}", Delay: TimeSpan.FromMilliseconds(500)) : null;
        var first = RegistryHarness.Job("old", timeoutMs: 5000);
        var second = RegistryHarness.Job("new", timeoutMs: 5000);
        await harness.Registry.RegisterAsync(first, Cancel);
        harness.Webhook(first, ParticipantEvent.Connected);
        harness.Webhook(first, ParticipantEvent.DisconnectedIntentionally);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("old", "send").Count == 1, "the old job's send in flight");

        await harness.Registry.RegisterAsync(second, Cancel);
        await Task.Delay(800, Cancel);

        Assert.Equal("new", store.Entries.Values.Single().Parameters.DelayId);
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, harness.Registry.StateOf("room", "identity"));
    }

    [Fact]
    public async Task Jobs_with_different_keys_are_independent_even_when_one_homeserver_call_hangs()
    {
        await using var harness = await RegistryHarness.StartAsync();
        harness.Homeserver.Respond = r => r.DelayId == "slow" ? new HomeserverResponse(200, "{}", Delay: TimeSpan.FromSeconds(3)) : null;
        var slow = RegistryHarness.Job("slow", identity: "a", timeoutMs: 10_000);
        var fast = RegistryHarness.Job("fast", identity: "b", timeoutMs: 10_000);
        await harness.Registry.RegisterAsync(slow, Cancel);
        await harness.Registry.RegisterAsync(fast, Cancel);

        harness.Webhook(slow, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("slow", "restart").Count == 1, "the slow restart in flight");
        harness.Webhook(fast, ParticipantEvent.Connected);
        harness.Webhook(fast, ParticipantEvent.DisconnectedIntentionally);

        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("fast", "send").Count == 1, "the fast job's send", TimeSpan.FromSeconds(2));
        Assert.Equal(LeaveJobState.Connected, harness.Registry.StateOf("room", "a"));
        Assert.Empty(harness.Homeserver.RequestsFor("slow", "send"));
    }

    [Fact]
    public async Task A_job_for_a_participant_already_on_the_sfu_connects_by_lookup()
    {
        await using var harness = await RegistryHarness.StartAsync();
        harness.LiveKit.DefaultPresence = ParticipantPresence.Present;

        await harness.Registry.RegisterAsync(RegistryHarness.Job("d1", timeoutMs: 3000), Cancel);

        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count == 1, "the restart after the lookup");
        Assert.Equal(1, harness.LiveKit.Lookups);
    }

    [Fact]
    public async Task Restore_deletes_expired_and_invalid_jobs_without_any_request_and_resumes_the_others()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var now = DateTimeOffset.UtcNow;
        var expired = RegistryHarness.Job("expired", identity: "x", timeoutMs: 1000);
        var invalid = RegistryHarness.Job("invalid", identity: "y", timeoutMs: 0);
        var valid = RegistryHarness.Job("valid", identity: "z", timeoutMs: 2000);
        store.Entries[LeaveJobKey.Of(expired)] = new StoredLeaveJob(expired, now.AddSeconds(-2));
        store.Entries[LeaveJobKey.Of(invalid)] = new StoredLeaveJob(invalid, now);
        store.Entries[LeaveJobKey.Of(valid)] = new StoredLeaveJob(valid, now.AddMilliseconds(-500));

        await harness.Registry.RestoreAsync(Cancel);

        Assert.Equal([LeaveJobKey.Of(valid)], store.Entries.Keys);
        Assert.Equal(now.AddMilliseconds(-500), store.Entries[LeaveJobKey.Of(valid)].RestartedAt);
        Assert.Equal(1, harness.Registry.Count);
        await Task.Delay(200, Cancel);
        Assert.Empty(harness.Homeserver.Requests);

        harness.Webhook(valid, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("valid", "restart").Count == 1, "the resumed job's restart");
        harness.Webhook(valid, ParticipantEvent.DisconnectedIntentionally);
        await Eventually.TrueAsync(() => store.Entries.IsEmpty, "the resumed job's entry to be deleted after the send");
        Assert.Single(harness.Homeserver.RequestsFor("valid", "send"));
        Assert.Empty(harness.Homeserver.RequestsFor("expired", "send"));
    }

    [Fact]
    public async Task Store_failures_are_ignored()
    {
        await using var harness = await RegistryHarness.StartAsync(new InMemoryLeaveJobStore { Failing = true });
        await harness.Registry.RestoreAsync(Cancel);
        var job = RegistryHarness.Job("d1");

        await harness.Registry.RegisterAsync(job, Cancel);
        harness.Webhook(job, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count == 1, "the restart");
        harness.Webhook(job, ParticipantEvent.ConnectionAborted);

        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "send").Count == 1, "the send");
        await Eventually.TrueAsync(() => harness.Registry.Count == 0, "the job to be removed");
    }

    [Fact]
    public async Task Shutdown_cancels_jobs_without_sending_keeps_their_entries_and_rejects_new_ones()
    {
        var store = new InMemoryLeaveJobStore();
        await using var harness = await RegistryHarness.StartAsync(store);
        var job = RegistryHarness.Job("d1", timeoutMs: 1000);
        await harness.Registry.RegisterAsync(job, Cancel);

        await harness.Registry.DisposeAsync();
        await Task.Delay(1500, Cancel);

        Assert.Empty(harness.Homeserver.Requests);
        Assert.Single(store.Entries);
        var rejected = await Assert.ThrowsAsync<LeaveJobRejectedException>(() => harness.Registry.RegisterAsync(job, Cancel));
        Assert.Equal(LeaveJobRejection.ShuttingDown, rejected.Reason);
    }

    [Fact]
    public async Task A_job_with_a_non_positive_timeout_is_rejected()
    {
        await using var harness = await RegistryHarness.StartAsync();

        var rejected = await Assert.ThrowsAsync<LeaveJobRejectedException>(
            () => harness.Registry.RegisterAsync(RegistryHarness.Job("d1", timeoutMs: 0), Cancel));

        Assert.Equal(LeaveJobRejection.InvalidParameters, rejected.Reason);
        Assert.Equal(0, harness.Registry.Count);
    }

    [Fact]
    public async Task The_sanity_check_sends_when_the_participant_vanishes_from_the_sfu()
    {
        await using var harness = await RegistryHarness.StartAsync(sanityCheckInterval: TimeSpan.FromMilliseconds(300));
        harness.LiveKit.DefaultPresence = ParticipantPresence.Present;
        await harness.Registry.RegisterAsync(RegistryHarness.Job("d1", timeoutMs: 5000), Cancel);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count == 1, "connected by lookup");

        harness.LiveKit.DefaultPresence = ParticipantPresence.Absent;

        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "send").Count == 1, "the send");
    }
}
