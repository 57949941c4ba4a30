using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.E2E.Reporting;
using Xunit;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>Element Call video calls in a room, between real browsers through the whole stack.</summary>
public sealed class GroupCallTests(LabFixture lab, BrowserHost browsers, RunArtifacts artifacts, CallTimingReport timings)
    : StackTest(lab, browsers, artifacts, timings)
{
    [Fact]
    public async Task Two_users_see_two_tiles_and_each_others_media_with_tokens_from_our_auth_service()
    {
        RequireLab();
        var alice = await ParticipantAsync("Alice");
        var bob = await ParticipantAsync("Bob");
        await RoomWithAsync(alice, bob);

        var (aliceCall, bobCall, callTimings) = await TwoPersonCallAsync(alice, bob);

        Assert.Equal(2, await aliceCall.VideoTileCountAsync());
        Assert.Equal(2, await bobCall.VideoTileCountAsync());
        var atAlice = await AssertMediaFlowsAsync(aliceCall);
        var atBob = await AssertMediaFlowsAsync(bobCall);
        Assert.True(atAlice.Last.VideoFramesEncoded > 0 && atBob.Last.VideoFramesEncoded > 0, "a participant publishes no video");
        AssertTokenCameFromAuthService(alice);
        AssertTokenCameFromAuthService(bob);
        Timings.Record(callTimings);
    }

    [Fact]
    public async Task Hanging_up_clears_the_call_membership_for_both()
    {
        RequireLab();
        var alice = await ParticipantAsync("Alice");
        var bob = await ParticipantAsync("Bob");
        var roomId = await RoomWithAsync(alice, bob);
        var (aliceCall, bobCall, callTimings) = await TwoPersonCallAsync(alice, bob);
        await Media.Poller.System.UntilAsync("Alice's Element Web to see both memberships",
            _ => alice.Web.RtcMembershipCountAsync(roomId), n => n == 2, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250), Cancelled);

        await aliceCall.HangUpAsync();
        await bobCall.HangUpAsync();

        await WaitForMembershipGoneAsync(bob, roomId, alice, TimeSpan.FromSeconds(15));
        await WaitForMembershipGoneAsync(alice, roomId, bob, TimeSpan.FromSeconds(15));
        await WaitForNoClientMembershipsAsync(alice, roomId);
        await WaitForNoClientMembershipsAsync(bob, roomId);
        Timings.Record(callTimings);
    }

    [Fact]
    public async Task A_third_participant_joins_a_running_call()
    {
        RequireLab();
        var alice = await ParticipantAsync("Alice");
        var bob = await ParticipantAsync("Bob");
        var carol = await ParticipantAsync("Carol");
        await RoomWithAsync(alice, bob, carol);
        var (aliceCall, bobCall, _) = await TwoPersonCallAsync(alice, bob);

        var carolCall = await carol.Web.OpenRunningCallAsync();
        var joinClicked = Time.GetTimestamp();
        await carolCall.JoinFromLobbyAsync();
        await carolCall.WaitUntilConnectedAsync(3, CallTimeout);
        var connected = Time.GetElapsedTime(joinClicked);

        await aliceCall.WaitUntilConnectedAsync(3, CallTimeout);
        await bobCall.WaitUntilConnectedAsync(3, CallTimeout);
        var atCarol = await Media.MediaFlowCheck.System.WaitForFlowAsync(_ => carolCall.SampleMediaAsync(), MediaTimeout, Cancelled, joinClicked);
        Assert.True(atCarol.Last.InboundVideoStreams >= 2, $"Carol receives fewer than two remote videos: {atCarol.Last}");
        AssertTokenCameFromAuthService(carol);
        Timings.Record(new CallTimings(TestName, carol.LogIn, connected, atCarol.FirstRemoteFrameAfter));
    }

    /// <summary>
    /// Element Call schedules a delayed leave event (MSC4140) and keeps restarting it; once the browser is
    /// gone the homeserver sends it. With the lab's embedded config (delay 18 s, restart every 4 s) the
    /// membership must be gone within <see cref="AbandonedMembershipClearedWithin"/>.
    /// </summary>
    public static TimeSpan AbandonedMembershipClearedWithin { get; } = TimeSpan.FromSeconds(18 + 4 + 10);

    [Fact]
    public async Task A_browser_closed_without_hanging_up_loses_its_membership_through_delayed_events()
    {
        RequireLab();
        var alice = await ParticipantAsync("Alice");
        var bob = await ParticipantAsync("Bob");
        var roomId = await RoomWithAsync(alice, bob);
        var (aliceCall, _, callTimings) = await TwoPersonCallAsync(alice, bob);

        await bob.Session.CloseAbruptlyAsync();

        // Poll past the expectation so a slow clearance is reported with its real duration.
        var cleared = await WaitForMembershipGoneAsync(alice, roomId, bob, TimeSpan.FromSeconds(90));
        Assert.True(cleared <= AbandonedMembershipClearedWithin,
            $"Bob's membership was cleared after {cleared.TotalSeconds:0.0} s, expected within {AbandonedMembershipClearedWithin.TotalSeconds:0} s.");
        await aliceCall.WaitUntilConnectedAsync(1, CallTimeout);
        Timings.Record(callTimings);
        TestContext.Current.TestOutputHelper?.WriteLine($"abandoned membership cleared after {cleared.TotalSeconds:0.0} s");
    }
}
