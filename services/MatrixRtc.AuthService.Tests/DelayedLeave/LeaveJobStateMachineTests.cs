using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Every (state, event) pair of the transition table on a real job, with its entry actions.</summary>
public sealed class LeaveJobStateMachineTests
{
    // The transition table, written out independently of the production switch.
    private static readonly Dictionary<(LeaveJobState, LeaveJobEvent), LeaveJobState> Table = new()
    {
        [(LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantConnected)] = LeaveJobState.Connected,
        [(LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantLookupSuccessful)] = LeaveJobState.Connected,
        [(LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.ParticipantConnectionAborted)] = LeaveJobState.Aborted,
        [(LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.WaitingStateTimedOut)] = LeaveJobState.Disconnected,
        [(LeaveJobState.Connected, LeaveJobEvent.ParticipantDisconnectedIntentionally)] = LeaveJobState.Disconnected,
        [(LeaveJobState.Connected, LeaveJobEvent.ParticipantConnectionAborted)] = LeaveJobState.Disconnected,
        [(LeaveJobState.Connected, LeaveJobEvent.SfuParticipantGone)] = LeaveJobState.Disconnected,
        [(LeaveJobState.Connected, LeaveJobEvent.DelayedEventTimedOut)] = LeaveJobState.Aborted,
        [(LeaveJobState.Connected, LeaveJobEvent.DelayedEventNotFound)] = LeaveJobState.Aborted,
        [(LeaveJobState.Connected, LeaveJobEvent.CsApiUrlNotFound)] = LeaveJobState.Aborted,
        [(LeaveJobState.WaitingForInitialConnect, LeaveJobEvent.JobReplaced)] = LeaveJobState.Replaced,
        [(LeaveJobState.Connected, LeaveJobEvent.JobReplaced)] = LeaveJobState.Replaced,
        [(LeaveJobState.Disconnected, LeaveJobEvent.JobReplaced)] = LeaveJobState.Replaced,
        [(LeaveJobState.Aborted, LeaveJobEvent.JobReplaced)] = LeaveJobState.Replaced,
    };

    public static TheoryData<LeaveJobState, LeaveJobEvent> AllPairs()
    {
        var pairs = new TheoryData<LeaveJobState, LeaveJobEvent>();
        foreach (var state in Enum.GetValues<LeaveJobState>())
        {
            foreach (var leaveJobEvent in Enum.GetValues<LeaveJobEvent>())
            {
                pairs.Add(state, leaveJobEvent);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void The_transition_function_is_the_table(LeaveJobState from, LeaveJobEvent leaveJobEvent) =>
        Assert.Equal(Table.TryGetValue((from, leaveJobEvent), out var to) ? to : null, LeaveJobTransitions.Next(from, leaveJobEvent));

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task A_job_follows_the_table_and_ignores_every_other_pair_without_side_effects(LeaveJobState from, LeaveJobEvent leaveJobEvent)
    {
        await using var harness = new JobHarness(TimeSpan.FromSeconds(30));
        await harness.DriveToAsync(from);
        var (calls, resolutions, finished, restarts) = (harness.Client.Calls.Count, harness.Resolver.Calls, harness.Owner.Finished, harness.Owner.Restarts.Count);

        await harness.Job.PostAndWaitAsync(leaveJobEvent);

        if (!Table.TryGetValue((from, leaveJobEvent), out var to))
        {
            if (from == LeaveJobState.Connected && leaveJobEvent == LeaveJobEvent.DelayedEventReset)
            {
                // The one internal action: a restart attempt, no state change.
                await Eventually.TrueAsync(() => harness.Owner.Restarts.Count == restarts + 1, "the restart");
                Assert.Equal(LeaveJobState.Connected, harness.Job.State);
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.Equal(from, harness.Job.State);
            Assert.Equal((calls, resolutions, finished, restarts), (harness.Client.Calls.Count, harness.Resolver.Calls, harness.Owner.Finished, harness.Owner.Restarts.Count));
            return;
        }

        Assert.Equal(to, harness.Job.State);
        switch (to)
        {
            case LeaveJobState.Connected:
                await Eventually.TrueAsync(() => harness.Client.Restarts == 1, "a restart on entering Connected");
                break;
            case LeaveJobState.Disconnected:
                await Eventually.TrueAsync(() => harness.Owner.Finished == finished + 1, "the registry to be told after the send");
                Assert.Equal(1, harness.Client.Sends);
                break;
            case LeaveJobState.Aborted:
                Assert.Equal(finished + 1, harness.Owner.Finished);
                await Task.Delay(50, TestContext.Current.CancellationToken);
                Assert.Equal(0, harness.Client.Sends);
                break;
            case LeaveJobState.Replaced:
                await Task.Delay(50, TestContext.Current.CancellationToken);
                Assert.Equal((calls, finished), (harness.Client.Calls.Count, harness.Owner.Finished));
                break;
        }
    }
}
