using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Timers, budgets and the SFU lookup of a job, in fake time.</summary>
public sealed class LeaveJobTimingTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(10)]        // T
    [InlineData(2 * 3600)]  // capped at 1 h
    public async Task A_participant_who_never_shows_up_is_sent_after_min_of_one_hour_and_T_with_a_one_second_budget(int timeoutSeconds)
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(timeoutSeconds));
        await harness.StartAsync();
        var waiting = TimeSpan.FromSeconds(Math.Min(3600, timeoutSeconds));

        harness.Time.Advance(waiting - Millisecond);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, harness.Job.State);
        Assert.Empty(harness.Client.Calls);

        harness.Time.Advance(Millisecond);
        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the send after the waiting timer");
        Assert.Equal(LeaveJobState.Disconnected, harness.Job.State);
        var send = Assert.Single(harness.Client.Calls);
        Assert.Equal((DelayedEventAction.Send, "delay-id", TimeSpan.FromSeconds(1)), send);
    }

    [Fact]
    public async Task While_connected_the_delayed_event_is_restarted_every_four_fifths_of_T()
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(10));
        await harness.StartAsync();
        var connectedAt = harness.Time.GetUtcNow();
        await harness.ConnectAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(8) - Millisecond);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(1, harness.Client.Restarts);

        harness.Time.Advance(Millisecond);
        await Eventually.TrueAsync(() => harness.Owner.Restarts.Count == 2, "the second restart");
        harness.Time.Advance(TimeSpan.FromSeconds(8));
        await Eventually.TrueAsync(() => harness.Owner.Restarts.Count == 3, "the third restart");

        Assert.Equal([connectedAt, connectedAt.AddSeconds(8), connectedAt.AddSeconds(16)], harness.Owner.Restarts);
        Assert.All(harness.Client.Calls, c => Assert.Equal(DelayedEventAction.Restart, c.Action));
        Assert.Equal(TimeSpan.FromSeconds(10), harness.Client.Calls.First().Budget);
    }

    [Theory]
    [InlineData(10, 3, 7)]        // deadline − now
    [InlineData(10, 9.5, 1)]      // at least 1 s
    [InlineData(4 * 3600, 0, 3600)] // at most 1 h
    public async Task The_send_budget_is_the_time_left_to_the_deadline_clamped_to_one_second_and_one_hour(
        double timeoutSeconds, double connectedForSeconds, double expectedBudgetSeconds)
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(timeoutSeconds));
        await harness.StartAsync();
        await harness.ConnectAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(connectedForSeconds));

        await harness.Job.PostAndWaitAsync(LeaveJobEvent.ParticipantDisconnectedIntentionally);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the send");
        Assert.Equal(TimeSpan.FromSeconds(expectedBudgetSeconds), harness.Client.Calls.Single(c => c.Action == DelayedEventAction.Send).Budget);
    }

    [Fact]
    public async Task A_restart_due_after_the_deadline_aborts_without_any_request()
    {
        var timeout = TimeSpan.FromSeconds(10);
        await using var harness = new JobHarness(timeout);
        // The homeserver's success arrives stamped so late that the deadline is already now.
        harness.Client.Answer = _ => new DelayedEventResult(DelayedEventOutcome.Succeeded, harness.Time.GetUtcNow() - timeout, 1, null);
        await harness.StartAsync();
        await harness.ConnectAsync();

        harness.Time.Advance(timeout * LeaveJob.RestartFraction);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the abort");
        Assert.Equal(LeaveJobState.Aborted, harness.Job.State);
        Assert.Equal(1, harness.Client.Restarts);
        Assert.Equal(0, harness.Client.Sends);
    }

    [Theory]
    [InlineData(DelayedEventOutcome.NotFound)]
    [InlineData(DelayedEventOutcome.GaveUp)]
    public async Task A_failed_restart_aborts_and_never_sends(DelayedEventOutcome outcome)
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(10));
        harness.Client.Answer = _ => new DelayedEventResult(outcome, harness.Time.GetUtcNow(), 3, "HTTP 404");
        await harness.StartAsync();

        await harness.Job.PostAndWaitAsync(LeaveJobEvent.ParticipantConnected);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the abort");
        Assert.Equal(LeaveJobState.Aborted, harness.Job.State);
        Assert.Equal(0, harness.Client.Sends);
    }

    [Fact]
    public async Task Without_a_client_server_api_a_connected_job_aborts_without_any_request()
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(10));
        harness.Resolver.BaseUrl = null;
        await harness.StartAsync();

        await harness.Job.PostAndWaitAsync(LeaveJobEvent.ParticipantConnected);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the abort");
        Assert.Equal(LeaveJobState.Aborted, harness.Job.State);
        Assert.Empty(harness.Client.Calls);
    }

    [Fact]
    public async Task Without_a_client_server_api_the_send_is_given_up_and_the_job_still_ends()
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(10));
        await harness.StartAsync();
        await harness.ConnectAsync();
        harness.Resolver.BaseUrl = null;

        await harness.Job.PostAndWaitAsync(LeaveJobEvent.ParticipantConnectionAborted);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the end of the send procedure");
        Assert.Equal(0, harness.Client.Sends);
    }

    [Fact]
    public async Task The_sfu_lookup_retries_with_backoff_until_the_participant_is_present_and_then_connects()
    {
        await using var harness = new JobHarness(TimeSpan.FromMinutes(10));
        await harness.StartAsync();
        Assert.Equal(1, harness.LiveKit.Lookups);

        harness.Time.Advance(TimeSpan.FromSeconds(1.5)); // the first wait is 1 s ± 50 %
        await Eventually.TrueAsync(() => harness.LiveKit.Lookups == 2, "the second lookup");
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, harness.Job.State);

        harness.LiveKit.DefaultPresence = ParticipantPresence.Present;
        harness.Time.Advance(TimeSpan.FromSeconds(2.25)); // the second is 1.5 s ± 50 %
        await Eventually.TrueAsync(() => harness.Client.Restarts == 1, "the restart after the lookup succeeded");
        Assert.Equal(LeaveJobState.Connected, harness.Job.State);
        Assert.Equal(3, harness.LiveKit.Lookups);
    }

    [Fact]
    public async Task Without_a_sanity_check_exactly_one_successful_lookup_is_made()
    {
        await using var harness = new JobHarness(TimeSpan.FromHours(1), presence: ParticipantPresence.Present);
        await harness.StartAsync();
        await Eventually.TrueAsync(() => harness.Owner.Restarts.Count == 1, "connected by lookup");

        for (var i = 0; i < 10; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(1, harness.LiveKit.Lookups);
        Assert.Equal(LeaveJobState.Connected, harness.Job.State);
    }

    [Fact]
    public async Task The_sanity_check_ignores_errors_and_sends_when_the_sfu_says_the_participant_is_gone()
    {
        var interval = TimeSpan.FromSeconds(30);
        await using var harness = new JobHarness(TimeSpan.FromHours(1), interval, ParticipantPresence.Present);
        await harness.StartAsync();
        await Eventually.TrueAsync(() => harness.Owner.Restarts.Count == 1, "connected by lookup");

        harness.LiveKit.DefaultPresence = ParticipantPresence.Unknown;
        harness.Time.Advance(interval);
        await Eventually.TrueAsync(() => harness.LiveKit.Lookups == 2, "the first sanity check");
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(LeaveJobState.Connected, harness.Job.State);

        harness.LiveKit.DefaultPresence = ParticipantPresence.Absent;
        harness.Time.Advance(interval);

        await Eventually.TrueAsync(() => harness.Owner.Finished == 1, "the send after the participant was found gone");
        Assert.Equal(LeaveJobState.Disconnected, harness.Job.State);
        Assert.Equal(1, harness.Client.Sends);
        harness.Time.Advance(interval * 3);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(3, harness.LiveKit.Lookups);
    }

    [Fact]
    public async Task A_stopped_job_makes_no_more_requests()
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(10));
        await harness.StartAsync();
        await harness.ConnectAsync();

        harness.Job.Replace();
        await harness.Job.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var armedAtStop = harness.Time.ArmedTimers.Count;
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(LeaveJobState.Replaced, harness.Job.State);
        Assert.Single(harness.Client.Calls);
        Assert.Equal(armedAtStop, harness.Time.ArmedTimers.Count); // nothing armed after the stop
    }
}
