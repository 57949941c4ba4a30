using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Local;
using MatrixRtcLab.E2E.Media;
using MatrixRtcLab.E2E.Reporting;
using Microsoft.Playwright;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// Two people in two isolated browser contexts call each other over real WebRTC on loopback with the
/// fake camera and microphone. The same <see cref="MediaFlowCheck"/> the Element Call tests use must
/// see remote media flowing, and must see it stop when the far end stops its tracks.
/// </summary>
public sealed class LoopbackMediaTests(BrowserHost browsers, RunArtifacts artifacts, CallTimingReport timings)
    : BrowserTest(browsers, artifacts)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(20);
    private LoopbackPageServer? _server;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    private async Task<(BrowserSession Alice, BrowserSession Bob, TimeSpan Connected)> CallAsync()
    {
        var server = _server = await LoopbackPageServer.StartAsync();
        var alice = await OpenSessionAsync("alice");
        var bob = await OpenSessionAsync("bob");
        await alice.Page.GotoAsync(server.CallPage.ToString());
        await bob.Page.GotoAsync(server.CallPage.ToString());
        await alice.Page.EvaluateAsync("start()");
        await bob.Page.EvaluateAsync("start()");

        var started = TimeProvider.System.GetTimestamp();
        // The test is the signalling channel: SDP (with all ICE candidates) goes page to page through .NET.
        var offer = await alice.Page.EvaluateAsync<string>("createOffer()");
        var answer = await bob.Page.EvaluateAsync<string>("offer => acceptOffer(offer)", offer);
        await alice.Page.EvaluateAsync("answer => acceptAnswer(answer)", answer);
        await Assertions.Expect(alice.Page.Locator("#remote")).ToHaveJSPropertyAsync("readyState", 4, new() { Timeout = 15_000 });
        return (alice, bob, TimeProvider.System.GetElapsedTime(started));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Both_sides_decode_growing_remote_video_and_receive_audio()
    {
        var (alice, bob, connected) = await CallAsync();

        var atAlice = await MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(alice.Page), FlowTimeout, Cancelled);
        var atBob = await MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(bob.Page), FlowTimeout, Cancelled);

        foreach (var seen in new[] { atAlice.Last, atBob.Last })
        {
            Assert.Equal(1, seen.PeerConnections);
            Assert.Equal(1, seen.InboundVideoStreams);
            Assert.Equal(1, seen.InboundAudioStreams);
            Assert.True(seen.SucceededCandidatePairs >= 1, $"no nominated, succeeded ICE pair: {seen}");
            Assert.True(seen.VideoFramesEncoded > 0, $"nothing was sent: {seen}");
            Assert.True(seen.AudioSamplesReceived > 0, $"no audio samples: {seen}");
        }
        timings.Record(new CallTimings("loopback (local, no stack)", LogIn: null, connected, atAlice.FirstRemoteFrameAfter));
    }

    [Fact]
    public async Task The_check_sees_media_stop_when_the_remote_side_stops_its_tracks()
    {
        var (alice, bob, _) = await CallAsync();
        await MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(alice.Page), FlowTimeout, Cancelled);

        await bob.Page.EvaluateAsync("stopSending()");

        var (before, after) = await MediaFlowCheck.System.WaitForSilenceAsync(
            _ => MediaProbe.SampleAsync(alice.Page), settle: TimeSpan.FromSeconds(1.5), window: TimeSpan.FromSeconds(2), Cancelled);
        Assert.Equal(before.VideoFramesDecoded, after.VideoFramesDecoded);
        // Bob's side still receives Alice's media: the check is about one direction, not a dead page.
        await MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(bob.Page), FlowTimeout, Cancelled);
    }

    [Fact]
    public async Task Waiting_for_flow_fails_with_a_clear_message_when_nothing_arrives()
    {
        var (alice, bob, _) = await CallAsync();
        await bob.Page.EvaluateAsync("stopSending()");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(alice.Page), TimeSpan.FromSeconds(3), Cancelled));
        Assert.Contains("remote video frames and audio bytes to keep growing", error.Message, StringComparison.Ordinal);
        Assert.Contains("framesDecoded=", error.Message, StringComparison.Ordinal);
    }
}
