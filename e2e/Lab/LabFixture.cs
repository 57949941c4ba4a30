using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// The deployment the stack tests run against, found once per run by <see cref="LabLocator"/>:
/// attached to, started (<see cref="AspireLabStarter"/>), or absent. Absent means every stack test is
/// skipped with the reason; broken configuration or a lab that did not come up means every stack test
/// fails with the message. Never a silent pass.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private AspireLabStarter? _starter;

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
            try
            {
                var timeout = LabStartTimeout.Read(Environment.GetEnvironmentVariable);
                _starter = new AspireLabStarter(readiness, TimeProvider.System, note: RunSummary.Write);
                plan = await StartAsync(_starter, timeout, TestContext.Current.CancellationToken);
            }
            catch (LabConfigurationException e)
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

    /// <summary>
    /// Starts the lab: the plan is then to attach to it, or to fail with why it did not come up.
    /// Never a skip: Docker answered, so a lab that does not start is a broken lab, not a missing one.
    /// </summary>
    public static async Task<LabPlan> StartAsync(AspireLabStarter starter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var endpoints = await starter.StartAsync(timeout, cancellationToken);
            return new LabPlan.Attach(endpoints, $"started by this run through Aspire.Hosting.Testing, state in {starter.StateDirectory}");
        }
        catch (LabStartException e)
        {
            return new LabPlan.Fail(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_starter is not null)
        {
            await _starter.DisposeAsync();
        }
        _http.Dispose();
    }
}
