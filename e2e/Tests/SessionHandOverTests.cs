using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Local;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.E2E.Pages;
using MatrixRtcLab.Topology.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// Handing a session to Element Web puts exactly its localStorage keys in place before the app runs,
/// and only on Element Web's origin. Checked in the real browser against a page with Element Web's
/// two landmarks the page object waits for (the real app needs the lab).
/// </summary>
public sealed class SessionHandOverTests(BrowserHost browsers, RunArtifacts artifacts) : BrowserTest(browsers, artifacts)
{
    private LoopbackPageServer? _server;

    private const string FakeElementWeb =
        """<!doctype html><title>Element</title><div class="mx_MatrixChat"><nav aria-label="Room list">rooms</nav></div>""";

    [Fact]
    public async Task The_session_is_in_localStorage_on_Element_Webs_origin_and_nowhere_else()
    {
        _server = await LoopbackPageServer.StartAsync(app => app.MapGet("/", () => Results.Content(FakeElementWeb, "text/html")));
        var lab = new LabEndpoints
        {
            ServerName = "lab.localhost",
            HomeserverUrl = new("http://localhost:8008/"),
            ElementWebUrl = _server.BaseAddress,
            AuthServiceUrl = new("http://localhost:8090/"),
            LiveKitUrl = new("ws://localhost:7880/"),
        };
        var user = new MatrixUser("@alice:lab.localhost", "alice", "Alice", "mpt_token\"with'quotes", "ALICEDEVICE");
        var session = await OpenSessionAsync("alice");

        await new ElementWebPage(session.Page, lab).LogInWithSessionAsync(user);

        var stored = await session.Page.EvaluateAsync<Dictionary<string, string>>("() => ({ ...localStorage })");
        Assert.Equal("http://localhost:8008", stored["mx_hs_url"]);
        Assert.Equal(user.UserId, stored["mx_user_id"]);
        Assert.Equal(user.AccessToken, stored["mx_access_token"]);
        Assert.Equal(user.DeviceId, stored["mx_device_id"]);
        Assert.Equal("true", stored["mx_has_access_token"]);
        Assert.Equal("""{"language":"en"}""", stored["mx_local_settings"]);

        // Same server, other origin (localhost vs 127.0.0.1): nothing is handed over.
        await session.Page.GotoAsync(new UriBuilder(_server.BaseAddress) { Host = "localhost" }.Uri.ToString());
        Assert.Equal(0, await session.Page.EvaluateAsync<int>("() => localStorage.length"));
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
