using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MatrixRtcLab.AppHost.Startup;
using MatrixRtcLab.Topology.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Starts the lab for this run through Aspire.Hosting.Testing: the real AppHost in this process, its
/// state (secrets, endpoints file) in a temporary folder instead of the working tree's <c>.lab/</c>,
/// its data in Docker volumes of its own (fresh secrets need fresh databases), on the lab's fixed
/// ports. The lab is up once the AppHost has written its endpoints file (every resource healthy, test
/// users made) and every endpoint answers. Disposing stops it (Aspire removes the containers), then
/// removes its volumes and the folder.
/// </summary>
public sealed class AspireLabStarter : IStartingLab, IAsyncDisposable
{
    private readonly LabReadiness _readiness;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _additionalArguments;
    private readonly DockerVolumes _volumes;
    private readonly Action<string> _note;
    private readonly AppHostLogTail _logTail = new();
    private readonly TaskCompletionSource _startAllowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DistributedApplication? _app;
    private bool _started;
    private bool _disposed;

    /// <param name="additionalArguments">More AppHost arguments, after the starter's own.</param>
    /// <param name="note">Where a clean-up that went wrong is reported (the run summary).</param>
    public AspireLabStarter(
        LabReadiness readiness,
        TimeProvider time,
        IReadOnlyList<string>? additionalArguments = null,
        DockerVolumes? volumes = null,
        Action<string>? note = null)
    {
        _readiness = readiness;
        _time = time;
        _additionalArguments = additionalArguments ?? [];
        _volumes = volumes ?? new DockerVolumes();
        _note = note ?? (_ => { });
        StateDirectory = Directory.CreateTempSubdirectory("matrixrtc-e2e-lab-").FullName;
        VolumePrefix = "matrixrtc-e2e-" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>The lab's state folder: secrets.json and, once the lab is up, endpoints.json.</summary>
    public string StateDirectory { get; }

    /// <summary>This run's <c>Lab:VolumePrefix</c>; the developer's lab keeps <c>matrixrtc-lab-*</c>.</summary>
    public string VolumePrefix { get; }

    /// <summary>Where the AppHost writes its endpoints file: the state folder (or <c>MATRIXRTC_LAB_ENDPOINTS</c>, which the AppHost honours too).</summary>
    public string EndpointsFile => LabEndpointsFile.ResolvePath(StateDirectory);

    /// <summary>
    /// The AppHost's arguments. Aspire.Hosting.Testing gives proxied endpoints random ports; the lab's
    /// addresses (Redis for the auth service, the endpoints file) are its fixed ports, so that is turned off.
    /// </summary>
    public IReadOnlyList<string> Arguments =>
    [
        $"--{LabStartExtensions.StateDirectoryKey}={StateDirectory}",
        $"--Lab:VolumePrefix={VolumePrefix}",
        "--DcpPublisher:RandomizePorts=false",
        .. _additionalArguments,
    ];

    /// <summary>The Docker volumes of the built lab that are this run's own.</summary>
    public IReadOnlyList<string> Volumes { get; private set; } = [];

    /// <summary>Runs the AppHost's entry point up to its application, and builds it; nothing starts before <see cref="StartAsync"/>.</summary>
    /// <exception cref="LabStartException">The AppHost refused to build the lab; the message has what it printed.</exception>
    public async Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken)
    {
        IDistributedApplicationTestingBuilder builder;
        using (var console = new ConsoleErrorCapture())
        {
            try
            {
                builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. Arguments], cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var said = console.Text.Trim();
                throw new LabStartException(
                    $"The AppHost did not build the lab ({e.GetType().Name}: {e.Message})" +
                    (said.Length > 0 ? $" It said:{Environment.NewLine}{said}" : ""), e);
            }
        }

        builder.Services.AddLogging(logging => logging.AddProvider(_logTail));
        // Aspire.Hosting.Testing lets the AppHost's entry point go on once the application is built,
        // and the entry point runs it: without this gate, building alone would start the lab.
        builder.Eventing.Subscribe<BeforeStartEvent>((_, token) => _startAllowed.Task.WaitAsync(token));
        _app = await builder.BuildAsync(cancellationToken);
        Volumes = [.. _app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .SelectMany(r => r.Annotations.OfType<ContainerMountAnnotation>())
            .Where(m => m.Type == ContainerMountType.Volume && m.Source is not null && m.Source.StartsWith(VolumePrefix + "-", StringComparison.Ordinal))
            .Select(m => m.Source!)
            .Distinct()];
        return _app;
    }

    /// <summary>Builds and starts the lab and waits until it is up, at most <paramref name="timeout"/> in all.</summary>
    /// <exception cref="LabStartException">It refused, failed, or was not up in time; the message says why.</exception>
    public async Task<LabEndpoints> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var wait = new LabStartWait(_readiness.ProblemsAsync, _time, timeout);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(wait.Remaining);
            try
            {
                var app = await BuildAsync(limit.Token);
                _started = true;
                _startAllowed.TrySetResult();
                await app.StartAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw wait.TimedOut(this, "the AppHost was still building or starting its resources");
            }
            catch (Exception e) when (e is not (OperationCanceledException or LabStartException))
            {
                throw LabStartWait.CannotComeUp(this, $"the AppHost failed to start it ({e.GetType().Name}: {e.Message})");
            }
        }

        return await wait.UntilUpAsync(this, cancellationToken);
    }

    public string? Failure()
    {
        if (_app is null)
        {
            return null;
        }

        if (_app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            return "the AppHost is stopping";
        }

        // Only what runs can fail or exit; Aspire restarts nothing, so such a resource never becomes healthy.
        var failed = LabResources(_app)
            .Where(r => r.Resource is ContainerResource or ProjectResource or ExecutableResource)
            .Where(r => r.Snapshot?.State?.Text is { } state && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.RuntimeUnhealthy))
            .Select(r => $"{r.Resource.Name} is {Describe(r.Snapshot!)}")
            .ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed);
    }

    public string Diagnostics()
    {
        var lines = new List<string>();
        if (_app is null)
        {
            lines.Add("The AppHost had not built the lab yet.");
        }
        else
        {
            lines.Add("Resources: " + string.Join("; ", LabResources(_app)
                .Select(r => r.Snapshot is { } snapshot ? $"{r.Resource.Name} {Describe(snapshot)}" : $"{r.Resource.Name} (no state yet)")));
        }

        var tail = _logTail.Lines;
        lines.Add(tail.Count == 0 ? "The AppHost logged nothing." : "The AppHost's last log lines:");
        lines.AddRange(tail.Select(line => "  " + line));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The resources of the lab with their current state: not parameters, not what starts only on
    /// request (such as a project's rebuilder), not what Aspire hides.
    /// </summary>
    private static IEnumerable<(IResource Resource, CustomResourceSnapshot? Snapshot)> LabResources(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        return app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is not ParameterResource && !r.Annotations.OfType<ExplicitStartupAnnotation>().Any())
            .Select(r => (Resource: r, Snapshot: notifications.TryGetCurrentState(r.Name, out var state) ? state.Snapshot : null))
            .Where(r => r.Snapshot is not { IsHidden: true });
    }

    private static string Describe(CustomResourceSnapshot snapshot)
    {
        var text = snapshot.State?.Text is { Length: > 0 } state ? state : "(no state)";
        if (snapshot.HealthStatus is { } health)
        {
            text += $" ({health.ToString().ToLowerInvariant()})";
        }

        if (snapshot.ExitCode is { } exitCode)
        {
            text += $" (exit code {exitCode.ToString(CultureInfo.InvariantCulture)})";
        }

        return text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _startAllowed.TrySetCanceled(); // a lab only built gives up starting, so its entry point returns
        if (_app is not null && _started)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _app.StopAsync(grace.Token);
            }
            catch (Exception e)
            {
                _note($"e2e lab: stopping the lab this run started went wrong ({e.GetType().Name}: {e.Message}); Aspire's orchestrator removes its containers when this process ends.");
            }
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        if (_started && await _volumes.RemoveAsync(Volumes, CancellationToken.None) is { } problem)
        {
            _note($"e2e lab: the volumes of the lab this run started are left behind ({problem}). Remove them with `docker volume rm {string.Join(' ', Volumes)}`.");
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process still shutting down may hold a file; the OS cleans its temp folder.
        }
    }
}
