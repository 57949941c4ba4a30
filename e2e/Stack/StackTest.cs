using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.E2E.Media;
using MatrixRtcLab.E2E.Pages;
using MatrixRtcLab.E2E.Reporting;
using MatrixRtcLab.E2E.Users;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>
/// Base for tests against a whole deployment. Every test starts with <see cref="RequireLab"/>, which
/// skips (no lab) or fails (misconfigured lab) with the fixture's reason.
/// </summary>
[Collection(LabCollection.Name)]
public abstract class StackTest(LabFixture lab, BrowserHost browsers, RunArtifacts artifacts, CallTimingReport timings)
    : BrowserTest(browsers, artifacts)
{
    /// <summary>Generous limit for UI steps; the 15 s target is reported, not enforced, so slow labs still produce numbers.</summary>
    protected static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(45);

    protected static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(30);

    private LabEndpoints? _endpoints;

    protected static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    protected static TimeProvider Time => TimeProvider.System;

    protected LabEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("Call RequireLab() first.");

    protected MatrixClientApi Matrix => new(lab.Http, Endpoints.HomeserverUrl);

    protected CallTimingReport Timings => timings;

    protected LabEndpoints RequireLab() => _endpoints = lab.RequireLab();

    /// <summary>Creates a fresh user and logs them in to Element Web in a new browser context.</summary>
    protected async Task<CallParticipant> ParticipantAsync(string displayName)
    {
        var user = await new TestUsers(Endpoints, lab.Http).CreateAsync(displayName, Cancelled);
        var session = await OpenSessionAsync(displayName.ToLowerInvariant());
        var tokens = new AuthServiceRequests(session.Page);
        var web = new ElementWebPage(session.Page, Endpoints);
        var started = Time.GetTimestamp();
        await web.LogInWithSessionAsync(user);
        return new CallParticipant(user, session, web, tokens, Time.GetElapsedTime(started));
    }

    /// <summary>A private room created by the first participant with everyone else joined.</summary>
    protected async Task<string> RoomWithAsync(CallParticipant creator, params CallParticipant[] others)
    {
        var roomId = await Matrix.CreateRoomAsync(creator.User, $"e2e call {System.Security.Cryptography.RandomNumberGenerator.GetHexString(6, lowercase: true)}", others.Select(o => o.User), isDirect: false, Cancelled);
        foreach (var other in others)
        {
            await Matrix.JoinAsync(other.User, roomId, Cancelled);
        }
        foreach (var person in others.Prepend(creator))
        {
            await person.Web.OpenRoomAsync(roomId);
        }
        return roomId;
    }

    /// <summary>Alice starts a call in the room and joins; Bob joins from the room header. Returns Bob's join-to-connected time.</summary>
    protected async Task<(ElementCallFrame Alice, ElementCallFrame Bob, CallTimings Timings)> TwoPersonCallAsync(
        CallParticipant alice, CallParticipant bob)
    {
        var aliceCall = await alice.Web.StartVideoCallAsync();
        await aliceCall.JoinFromLobbyAsync();
        var bobCall = await bob.Web.OpenRunningCallAsync();
        var joinClicked = Time.GetTimestamp();
        await bobCall.JoinFromLobbyAsync();
        await bobCall.WaitUntilConnectedAsync(2, CallTimeout);
        var connected = Time.GetElapsedTime(joinClicked);
        await aliceCall.WaitUntilConnectedAsync(2, CallTimeout);
        var flowAtBob = await MediaFlowCheck.System.WaitForFlowAsync(_ => bobCall.SampleMediaAsync(), MediaTimeout, Cancelled, joinClicked);
        return (aliceCall, bobCall, new CallTimings(TestName, bob.LogIn, connected, flowAtBob.FirstRemoteFrameAfter));
    }

    /// <summary>Remote video decodes and keeps growing, and audio bytes keep arriving, at this participant.</summary>
    protected static Task<MediaFlowResult> AssertMediaFlowsAsync(ElementCallFrame call) =>
        MediaFlowCheck.System.WaitForFlowAsync(_ => call.SampleMediaAsync(), MediaTimeout, Cancelled);

    /// <summary>The participant's LiveKit token came from our auth service, which answered 200.</summary>
    protected void AssertTokenCameFromAuthService(CallParticipant participant)
    {
        var expected = Endpoints.AuthServiceUrl.GetLeftPart(UriPartial.Authority);
        Assert.True(participant.TokenRequests.Seen.Count > 0,
            $"{participant.User} joined without the browser requesting /get_token or /sfu/get (expected at {Endpoints.AuthServiceUrl}).");
        Assert.All(participant.TokenRequests.Seen, request =>
        {
            Assert.Equal(expected, request.Url.GetLeftPart(UriPartial.Authority));
            Assert.Equal(200, request.Status);
        });
    }

    /// <summary>Waits until Element Web's client in <paramref name="viewer"/>'s browser sees no membership in the room.</summary>
    protected static Task WaitForNoClientMembershipsAsync(CallParticipant viewer, string roomId) =>
        Poller.System.UntilAsync(
            $"{viewer.User.UserId}'s Element Web to see no MatrixRTC memberships in {roomId}",
            _ => viewer.Web.RtcMembershipCountAsync(roomId),
            count => count == 0,
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(500),
            Cancelled);

    /// <summary>Waits until no live MatrixRTC membership of <paramref name="leaver"/> is left in the room's state.</summary>
    protected async Task<TimeSpan> WaitForMembershipGoneAsync(CallParticipant reader, string roomId, CallParticipant leaver, TimeSpan timeout)
    {
        var started = Time.GetTimestamp();
        await Poller.System.UntilAsync(
            $"{leaver.User.UserId}'s call membership in {roomId} to be cleared",
            async ct => string.Join(", ", (await Matrix.CallMembershipsAsync(reader.User, roomId, ct))
                .Where(m => m.IsLive && m.Sender == leaver.User.UserId).Select(m => m.StateKey)),
            live => live.Length == 0,
            timeout,
            TimeSpan.FromMilliseconds(500),
            Cancelled);
        return Time.GetElapsedTime(started);
    }
}
