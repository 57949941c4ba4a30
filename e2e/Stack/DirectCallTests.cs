using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.E2E.Media;
using MatrixRtcLab.E2E.Reporting;
using Xunit;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>A one-to-one (DM) video call: the callee's Element Web rings and they answer from the toast.</summary>
public sealed class DirectCallTests(LabFixture lab, BrowserHost browsers, RunArtifacts artifacts, CallTimingReport timings)
    : StackTest(lab, browsers, artifacts, timings)
{
    [Fact]
    public async Task A_one_to_one_call_rings_is_answered_and_carries_media_both_ways()
    {
        RequireLab();
        var alice = await ParticipantAsync("Alice");
        var bob = await ParticipantAsync("Bob");
        var roomId = await Matrix.CreateRoomAsync(alice.User, "e2e dm", [bob.User], isDirect: true, Cancelled);
        await Matrix.JoinAsync(bob.User, roomId, Cancelled);
        await Matrix.MarkDirectAsync(alice.User, bob.User, roomId, Cancelled);
        await Matrix.MarkDirectAsync(bob.User, alice.User, roomId, Cancelled);
        await alice.Web.OpenRoomAsync(roomId);
        await bob.Web.OpenRoomAsync(roomId);

        var aliceCall = await alice.Web.StartVideoCallAsync();
        await aliceCall.JoinFromLobbyAsync();
        var bobCall = await bob.Web.AnswerFromToastAsync();
        var answered = Time.GetTimestamp();
        await bobCall.JoinFromLobbyAsync();
        await bobCall.WaitUntilConnectedAsync(2, CallTimeout);
        var connected = Time.GetElapsedTime(answered);
        await aliceCall.WaitUntilConnectedAsync(2, CallTimeout);

        var atBob = await MediaFlowCheck.System.WaitForFlowAsync(_ => bobCall.SampleMediaAsync(), MediaTimeout, Cancelled, answered);
        await AssertMediaFlowsAsync(aliceCall);
        AssertTokenCameFromAuthService(alice);
        AssertTokenCameFromAuthService(bob);
        Timings.Record(new(TestName, bob.LogIn, connected, atBob.FirstRemoteFrameAfter));
    }
}
