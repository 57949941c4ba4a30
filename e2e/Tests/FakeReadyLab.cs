using MatrixRtcLab.Topology.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>One loopback server answering every readiness probe the way a running lab's endpoints do.</summary>
internal sealed class FakeReadyLab : IAsyncDisposable
{
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public int AuthServiceStatus { get; set; } = 200;

    public static async Task<FakeReadyLab> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var lab = new FakeReadyLab { _app = builder.Build() };
        lab._app.MapGet("/_matrix/client/versions", () => Results.Json(new { versions = new[] { "v1.11" } }));
        lab._app.MapGet("/config.json", () => Results.Json(new { }));
        lab._app.MapGet("/jwt/healthz", () => Results.StatusCode(lab.AuthServiceStatus));
        lab._app.MapGet("/", () => "OK");
        lab._app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = lab.BaseAddress.ToString() }));
        await lab._app.StartAsync();
        lab.BaseAddress = new Uri(lab._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return lab;
    }

    public LabEndpoints Endpoints(Uri? liveKit = null) => new()
    {
        ServerName = "lab.localhost",
        HomeserverUrl = BaseAddress,
        ElementWebUrl = BaseAddress,
        AuthServiceUrl = new Uri(BaseAddress, "jwt/"),
        LiveKitUrl = liveKit ?? new UriBuilder(BaseAddress) { Scheme = "ws" }.Uri,
        MasUrl = BaseAddress,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
