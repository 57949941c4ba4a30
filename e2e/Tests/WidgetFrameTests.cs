using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Local;
using MatrixRtcLab.E2E.Media;
using MatrixRtcLab.E2E.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// The stack tests rely on two things that hold for Element Call only because it runs in an iframe of
/// Element Web: the peer-connection recorder reaches child frames, and page-level network events include
/// the frame's token request. Both are checked here with a real iframe on loopback.
/// </summary>
public sealed class WidgetFrameTests(BrowserHost browsers, RunArtifacts artifacts) : BrowserTest(browsers, artifacts)
{
    private LoopbackPageServer? _server;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Media_checks_see_calls_made_inside_an_iframe()
    {
        _server = await LoopbackPageServer.StartAsync();
        var alice = await OpenSessionAsync("alice");
        var bob = await OpenSessionAsync("bob");
        await alice.Page.GotoAsync(_server.WidgetHostPage.ToString());
        await bob.Page.GotoAsync(_server.CallPage.ToString());
        var aliceWidget = alice.Page.Frames.Single(f => f.Url.EndsWith("/call", StringComparison.Ordinal));

        await aliceWidget.EvaluateAsync("start()");
        await bob.Page.EvaluateAsync("start()");
        var offer = await aliceWidget.EvaluateAsync<string>("createOffer()");
        var answer = await bob.Page.EvaluateAsync<string>("offer => acceptOffer(offer)", offer);
        await aliceWidget.EvaluateAsync("answer => acceptAnswer(answer)", answer);

        var flow = await MediaFlowCheck.System.WaitForFlowAsync(_ => MediaProbe.SampleAsync(alice.Page), TimeSpan.FromSeconds(20), Cancelled);
        Assert.Equal(1, flow.Last.PeerConnections);
        Assert.Equal(0, (await alice.Page.MainFrame.EvaluateAsync<MediaSnapshot>(MediaScripts.SampleStats)).PeerConnections);
    }

    [Fact]
    public async Task Token_requests_from_an_iframe_are_observed_with_their_status()
    {
        _server = await LoopbackPageServer.StartAsync(app =>
        {
            app.MapPost("/jwt/sfu/get", () => Results.Json(new { url = "ws://127.0.0.1:7880", jwt = "header.payload.signature" }));
            app.MapPost("/jwt/get_token", () => Results.StatusCode(401));
            app.MapGet("/jwt/sfu/get", () => Results.StatusCode(405));
        });
        var user = await OpenSessionAsync("alice");
        var requests = new AuthServiceRequests(user.Page);
        await user.Page.GotoAsync(_server.WidgetHostPage.ToString());
        var widget = user.Page.Frames.Single(f => f.Url.EndsWith("/call", StringComparison.Ordinal));

        // The GET goes first: events arrive in order, so once both POSTs are seen the GET would have been too.
        await widget.EvaluateAsync("async () => { await fetch('/jwt/sfu/get'); await fetch('/jwt/sfu/get', { method: 'POST', body: '{}' }); await fetch('/jwt/get_token', { method: 'POST', body: '{}' }); }");
        await Poller.System.UntilAsync("both token requests to be seen", _ => Task.FromResult(requests.Seen.Count), n => n == 2,
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100), Cancelled);

        Assert.Contains(requests.Seen, r => r.Url == new Uri(_server.BaseAddress, "/jwt/sfu/get") && r.Status == 200);
        Assert.Contains(requests.Seen, r => r.Url == new Uri(_server.BaseAddress, "/jwt/get_token") && r.Status == 401);
        Assert.DoesNotContain(requests.Seen, r => r.Status == 405); // the GET is not a token request
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
