using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Local;
using MatrixRtcLab.E2E.Media;
using MatrixRtcLab.E2E.Pages;
using MatrixRtcLab.Topology.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// The start-up toast loop against a page that rebuilds Element Web's toasts, their order and the dialog the
/// key-storage toast opens (Local/element-web-toasts.html). The page's default timeout is one second, so a step
/// that waits for something that is not there fails the test instead of quietly waiting out a 30 s default.
/// </summary>
public sealed class StartupToastTests(BrowserHost browsers, RunArtifacts artifacts) : BrowserTest(browsers, artifacts)
{
    private LoopbackPageServer? _server;

    [Theory]
    [InlineData("key-storage", new[] { "OK", "Dismiss", "Yes, dismiss", "Dismiss" })]
    [InlineData("backup", new[] { "OK", "Dismiss", "Dismiss" })]
    public async Task Known_toasts_are_dismissed_one_after_another_confirming_where_asked(string encryptionToast, string[] expectedClicks)
    {
        var elementWeb = await OpenAsync($"service-worker,{encryptionToast},notifications");

        await elementWeb.DismissStartupToastsAsync();

        Assert.Equal(expectedClicks, await ClicksAsync(elementWeb));
        Assert.Equal(0, await elementWeb.Page.Locator(Selectors.ElementWeb.Toast).CountAsync());
        Assert.Equal(0, await elementWeb.Page.Locator(Selectors.ElementWeb.Dialog).CountAsync());
    }

    [Theory]
    [InlineData("incoming-call")] // no title: its heading is its own, inside the toast's body
    [InlineData("verify-device")] // a title the loop does not know
    public async Task Another_toast_on_top_is_left_alone_and_so_is_everything_under_it(string topToast)
    {
        var elementWeb = await OpenAsync($"{topToast},notifications");

        await elementWeb.DismissStartupToastsAsync();

        Assert.Empty(await ClicksAsync(elementWeb));
        Assert.Equal(1, await elementWeb.Page.Locator(Selectors.ElementWeb.Toast).CountAsync());
    }

    private async Task<ElementWebPage> OpenAsync(string toasts)
    {
        var html = MediaScripts.Load("element-web-toasts.html");
        _server = await LoopbackPageServer.StartAsync(app => app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8")));
        var session = await OpenSessionAsync("user");
        await session.Page.GotoAsync(new Uri(_server.BaseAddress, $"/?toasts={toasts}").ToString());
        session.Page.SetDefaultTimeout(1_000);
        var lab = new LabEndpoints
        {
            ServerName = "lab.localhost",
            HomeserverUrl = new("http://localhost:8008/"),
            ElementWebUrl = _server.BaseAddress,
            AuthServiceUrl = new("http://localhost:8090/"),
            LiveKitUrl = new("ws://localhost:7880/"),
        };
        return new ElementWebPage(session.Page, lab);
    }

    private static Task<string[]> ClicksAsync(ElementWebPage elementWeb) =>
        elementWeb.Page.EvaluateAsync<string[]>("() => window.toastClicks");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
