using MatrixRtcLab.E2E.Lab;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Readiness probes over real HTTP against a loopback server that answers like a lab's endpoints.</summary>
public sealed class LabReadinessTests : IAsyncLifetime
{
    private FakeReadyLab _lab = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _lab = await FakeReadyLab.StartAsync();

    [Fact]
    public async Task A_lab_whose_endpoints_all_answer_is_ready()
    {
        var problems = await new LabReadiness(_http).ProblemsAsync(_lab.Endpoints(), TestContext.Current.CancellationToken);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Each_endpoint_that_fails_is_named_with_its_url()
    {
        _lab.AuthServiceStatus = 503;
        var closedPort = new UriBuilder("ws", "127.0.0.1", 1).Uri;

        var problems = await new LabReadiness(_http).ProblemsAsync(_lab.Endpoints(closedPort), TestContext.Current.CancellationToken);

        Assert.Equal(2, problems.Count);
        Assert.Contains($"auth service {new Uri(_lab.BaseAddress, "jwt/healthz")} answered 503", problems);
        Assert.Contains(problems, p => p.StartsWith("LiveKit http://127.0.0.1:1/ unreachable", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _lab.DisposeAsync();
    }
}
