using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MatrixRtcLab.E2E.Media;

namespace MatrixRtcLab.E2E.Local;

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, serving the loopback call page. http://127.0.0.1 is a
/// secure context, so getUserMedia works there exactly as on the lab's http://*.localhost origins.
/// </summary>
public sealed class LoopbackPageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackPageServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri CallPage => new(BaseAddress, "/call");

    /// <summary>The call page inside a same-origin iframe, the way Element Web embeds Element Call.</summary>
    public Uri WidgetHostPage => new(BaseAddress, "/widget-host");

    /// <param name="moreRoutes">Extra endpoints a test needs on the same origin.</param>
    public static async Task<LoopbackPageServer> StartAsync(Action<WebApplication>? moreRoutes = null)
    {
        var html = MediaScripts.Load("loopback-call.html");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/call", () => Results.Content(html, "text/html; charset=utf-8"));
        app.MapGet("/widget-host", () => Results.Content(
            """<!doctype html><title>host</title><iframe title="call" src="/call" width="1000" height="600" allow="camera; microphone; autoplay"></iframe>""",
            "text/html; charset=utf-8"));
        moreRoutes?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new LoopbackPageServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
