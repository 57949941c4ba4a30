using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.Topology.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Readiness probes over real HTTP against a loopback server that answers like a lab's endpoints.</summary>
public sealed class LabReadinessTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _base = null!;
    private int _authServiceStatus = 200;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/_matrix/client/versions", () => Results.Json(new { versions = new[] { "v1.11" } }));
        _app.MapGet("/config.json", () => Results.Json(new { }));
        _app.MapGet("/jwt/healthz", () => Results.StatusCode(_authServiceStatus));
        _app.MapGet("/", () => "OK");
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = _base.ToString() }));
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    private LabEndpoints Lab(Uri? liveKit = null) => new()
    {
        ServerName = "lab.localhost",
        HomeserverUrl = _base,
        ElementWebUrl = _base,
        AuthServiceUrl = new Uri(_base, "jwt/"),
        LiveKitUrl = liveKit ?? new UriBuilder(_base) { Scheme = "ws" }.Uri,
        MasUrl = _base,
    };

    [Fact]
    public async Task A_lab_whose_endpoints_all_answer_is_ready()
    {
        using var http = new HttpClient();

        var problems = await new LabReadiness(http).ProblemsAsync(Lab(), TestContext.Current.CancellationToken);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Each_endpoint_that_fails_is_named_with_its_url()
    {
        _authServiceStatus = 503;
        var closedPort = new UriBuilder("ws", "127.0.0.1", 1).Uri;
        using var http = new HttpClient();

        var problems = await new LabReadiness(http).ProblemsAsync(Lab(closedPort), TestContext.Current.CancellationToken);

        Assert.Equal(2, problems.Count);
        Assert.Contains($"auth service {new Uri(_base, "jwt/healthz")} answered 503", problems);
        Assert.Contains(problems, p => p.StartsWith("LiveKit http://127.0.0.1:1/ unreachable", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
