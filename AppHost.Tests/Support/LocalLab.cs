using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>
/// The real AppHost, started through Aspire.Hosting.Testing with every component that can run
/// locally as a local process (Synapse from its Debian root, PostgreSQL, Redis), password login and
/// no containers: what runs on a machine without Docker. LiveKit and Element Web are left out.
/// </summary>
public sealed class LocalLab : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly TemporaryDirectory _state = new();
    private DistributedApplication? _app;

    /// <summary>Why the lab cannot run here, or null.</summary>
    public string? SkipReason { get; private set; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException(SkipReason ?? "Not started.");

    public LabModel Lab { get; private set; } = null!;

    public LabEndpoints Endpoints { get; private set; } = null!;

    /// <summary>From StartAsync until every lab resource was healthy and the endpoints file written.</summary>
    public TimeSpan TimeToUp { get; private set; }

    public string StateDirectory => _state.Path;

    /// <summary>Skips where the local lab cannot run; in CI (CI=true), which installs everything it needs, that is a failure.</summary>
    public void SkipIfMissing()
    {
        if (SkipReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must run the local lab, but {SkipReason}");
        }

        Assert.Skip(SkipReason);
    }

    public async ValueTask InitializeAsync()
    {
        SkipReason = LocalLabPrerequisites.Missing();
        if (SkipReason is not null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Lab:Runtime=local", "--Lab:Login=password", "--Lab:Containers=off", $"--Lab:StateDirectory={StateDirectory}"],
            timeout.Token);
        // Aspire.Hosting.Testing lets the AppHost's entry point go on to run the built application:
        // the lab starts when this fixture says so, not when building returns.
        var startAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Eventing.Subscribe<BeforeStartEvent>((_, token) => startAllowed.Task.WaitAsync(token));
        _app = await builder.BuildAsync(timeout.Token);
        Lab = _app.Services.GetRequiredService<LabModel>();

        var started = TimeProvider.System.GetTimestamp();
        startAllowed.SetResult();
        await _app.StartAsync(timeout.Token);
        var endpointsFile = Path.Combine(StateDirectory, LabEndpointsFile.FileName);
        try
        {
            foreach (var name in new[] { LabResourceNames.Postgres, LabResourceNames.Redis, LabResourceNames.Synapse, LabResourceNames.AuthService })
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }

            while (!File.Exists(endpointsFile))
            {
                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The local lab was not up within {StartTimeout.TotalMinutes} min; see the resource logs above.");
        }

        TimeToUp = TimeProvider.System.GetElapsedTime(started);
        Endpoints = LabEndpointsFile.Read(endpointsFile);
        TestContext.Current.SendDiagnosticMessage($"local lab up {TimeToUp.TotalSeconds:0.0} s after StartAsync");
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Stops the lab and proves it stopped cleanly: a process or port left behind fails the run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            await LeftBehind.AssertNoneAsync(StateDirectory, [LabPorts.Synapse, LabPorts.AuthService, LabPorts.PostgresHost, LabPorts.RedisHost]);
        }

        _state.Dispose();
    }
}
