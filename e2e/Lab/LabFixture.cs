using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// The deployment the stack tests run against, found once per run by <see cref="LabLocator"/>:
/// attached to, started, or absent. Absent means every stack test is skipped with the reason;
/// broken configuration means every stack test fails with the message. Never a silent pass.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private AppHostLauncher? _launcher;

    public LabPlan Plan { get; private set; } = new LabPlan.Fail("The lab fixture was not initialised.");

    public HttpClient Http => _http;

    /// <summary>The lab, or a skip (nothing to test against) or failure (misconfigured) of the calling test.</summary>
    public LabEndpoints RequireLab() => Plan switch
    {
        LabPlan.Attach attach => attach.Endpoints,
        LabPlan.Skip skip => throw SkipException(skip.Reason),
        LabPlan.Fail fail => throw new InvalidOperationException(fail.Message),
        _ => throw new InvalidOperationException($"Unexpected lab plan {Plan}"),
    };

    private static Exception SkipException(string reason)
    {
        Assert.Skip(reason);
        return new System.Diagnostics.UnreachableException();
    }

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot.FromTestAssembly();
        var readiness = new LabReadiness(_http);
        var locator = new LabLocator(Environment.GetEnvironmentVariable, root, readiness.ProblemsAsync, new DockerEngine().ProbeAsync);
        var plan = await locator.LocateAsync(TestContext.Current.CancellationToken);
        if (plan is LabPlan.StartAppHost start)
        {
            RunSummary.Write($"e2e lab: {start.WhyNoLab}");
            _launcher = new AppHostLauncher(root, start.EndpointsFile, readiness, TimeProvider.System);
            try
            {
                var endpoints = await _launcher.StartAsync(StartTimeout(), TestContext.Current.CancellationToken);
                plan = new LabPlan.Attach(endpoints, $"started by this run ({start.EndpointsFile})");
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or InvalidDataException)
            {
                plan = new LabPlan.Fail(e.Message);
            }
        }
        Plan = plan;
        RunSummary.Write(plan switch
        {
            LabPlan.Attach a => $"e2e lab: testing against {a.Endpoints.ElementWebUrl} (from {a.Source})",
            LabPlan.Skip s => $"e2e lab: stack tests skipped. {s.Reason}",
            LabPlan.Fail f => $"e2e lab: stack tests fail. {f.Message}",
            _ => plan.ToString(),
        });
    }

    private static TimeSpan StartTimeout() =>
        Environment.GetEnvironmentVariable(AppHostLauncher.StartTimeoutVariable) is { Length: > 0 } text
            ? int.TryParse(text, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException($"{AppHostLauncher.StartTimeoutVariable}={text}: expected a positive number of seconds.")
            : TimeSpan.FromMinutes(15);

    public async ValueTask DisposeAsync()
    {
        if (_launcher is not null)
        {
            await _launcher.DisposeAsync();
        }
        _http.Dispose();
    }
}
