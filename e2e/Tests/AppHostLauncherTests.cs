using System.Diagnostics;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// The launcher's contract with the AppHost, with a shell script standing in for
/// <c>dotnet run --project AppHost</c> (which needs Docker): it is told where to write the endpoints
/// file, is waited for until the endpoints answer, and its output explains a failed start.
/// </summary>
public sealed class AppHostLauncherTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-launcher-").FullName;
    private readonly HttpClient _http = new();
    private FakeReadyLab _lab = null!;

    private string EndpointsFile => Path.Combine(_folder, "endpoints.json");

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _lab = await FakeReadyLab.StartAsync();

    private AppHostLauncher Launcher(string script) =>
        new(_folder, EndpointsFile, new LabReadiness(_http), TimeProvider.System, ["sh", "-c", script])
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
        };

    [Fact]
    public async Task The_lab_is_ready_once_the_file_it_was_told_to_write_exists_and_every_endpoint_answers()
    {
        var prepared = Path.Combine(_folder, "prepared.json");
        LabEndpointsFile.Write(prepared, _lab.Endpoints());
        var launcher = Launcher($"sleep 0.3; cp '{prepared}' \"${LabEndpointsFile.PathVariable}\"; exec sleep 300");

        var endpoints = await launcher.StartAsync(TimeSpan.FromSeconds(20), Cancelled);
        var pid = launcher.ProcessId!.Value;
        await launcher.DisposeAsync();

        Assert.Equal(_lab.Endpoints().AuthServiceUrl, endpoints.AuthServiceUrl);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public async Task An_AppHost_that_exits_early_fails_with_its_last_output()
    {
        await using var launcher = Launcher("echo building the lab; echo 'error: Docker is not running' >&2; exit 3");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.StartAsync(TimeSpan.FromSeconds(20), Cancelled));

        Assert.Contains("exited with code 3 before the lab was ready", error.Message, StringComparison.Ordinal);
        Assert.Contains("building the lab", error.Message, StringComparison.Ordinal);
        Assert.Contains("error: Docker is not running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_that_never_answers_times_out_naming_the_variable_and_the_silent_endpoint()
    {
        var prepared = Path.Combine(_folder, "prepared.json");
        LabEndpointsFile.Write(prepared, _lab.Endpoints(new Uri("ws://127.0.0.1:1/")));
        await using var launcher = Launcher($"cp '{prepared}' \"${LabEndpointsFile.PathVariable}\"; exec sleep 300");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => launcher.StartAsync(TimeSpan.FromSeconds(2), Cancelled));

        Assert.Contains(AppHostLauncher.StartTimeoutVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("LiveKit http://127.0.0.1:1/ unreachable", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _lab.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
