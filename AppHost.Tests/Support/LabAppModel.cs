using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>
/// The real AppHost's application model, built (not started) through Aspire.Hosting.Testing with
/// its state in a temporary folder; nothing runs, so no container runtime is needed.
/// <see cref="Lab"/> is the topology model loaded from the same state: what the AppHost must map.
/// </summary>
public sealed class LabAppModel : IAsyncLifetime
{
    private readonly TemporaryDirectory _state = new();
    private DistributedApplication? _app;

    public string StateDirectory => _state.Path;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not initialised.");

    public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

    public DistributedApplicationExecutionContext ExecutionContext => App.Services.GetRequiredService<DistributedApplicationExecutionContext>();

    public LabModel Lab { get; private set; } = null!;

    public IResource Resource(string name) => Model.Resources.Single(r => r.Name == name);

    public async ValueTask InitializeAsync()
    {
        // Lab:Containers=on: the model is the same with or without a runtime; only starting needs one.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Lab:Containers=on", $"--Lab:StateDirectory={StateDirectory}"], TestContext.Current.CancellationToken);
        // Aspire.Hosting.Testing lets the AppHost's entry point go on to run the built application:
        // this model must never start, so its start waits until the application is disposed.
        builder.Eventing.Subscribe<BeforeStartEvent>((_, token) => Task.Delay(Timeout.Infinite, token));
        _app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        Lab = _app.Services.GetRequiredService<LabModel>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _state.Dispose();
    }
}
