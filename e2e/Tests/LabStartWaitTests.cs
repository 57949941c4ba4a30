using System.Diagnostics;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// Waiting for a lab this run started, with a stand-in for the starting lab (its endpoints file, its
/// failure, its diagnostics) and real readiness probes against a loopback server that answers like a lab.
/// </summary>
public sealed class LabStartWaitTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-wait-").FullName;
    private readonly HttpClient _http = new();
    private FakeReadyLab _lab = null!;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _lab = await FakeReadyLab.StartAsync();

    private sealed class StartingLab(string endpointsFile) : IStartingLab
    {
        public string EndpointsFile { get; } = endpointsFile;

        public string? FailureReason { get; set; }

        public string? Failure() => FailureReason;

        public string Diagnostics() => "Resources: synapse Running (unhealthy); mas Waiting" + Environment.NewLine + "  [synapse] database is locked";
    }

    private StartingLab Lab() => new(Path.Combine(_folder, "endpoints.json"));

    private LabStartWait Wait(TimeSpan timeout) =>
        new(new LabReadiness(_http).ProblemsAsync, TimeProvider.System, timeout) { PollInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task The_lab_is_up_once_its_endpoints_file_is_written_and_every_endpoint_answers()
    {
        var lab = Lab();
        var wait = Wait(TimeSpan.FromSeconds(20));
        var writer = Task.Run(async () =>
        {
            await Task.Delay(300, Cancelled);
            LabEndpointsFile.Write(lab.EndpointsFile, _lab.Endpoints());
        }, Cancelled);

        var endpoints = await wait.UntilUpAsync(lab, Cancelled);
        await writer;

        Assert.Equal(_lab.Endpoints().AuthServiceUrl, endpoints.AuthServiceUrl);
    }

    [Fact]
    public async Task No_endpoints_file_in_time_fails_naming_the_variable_the_file_and_the_labs_state()
    {
        var lab = Lab();

        var error = await Assert.ThrowsAsync<LabStartException>(() => Wait(TimeSpan.FromSeconds(1)).UntilUpAsync(lab, Cancelled));

        Assert.StartsWith("The lab started by this run was not up within 1 s (MATRIXRTC_E2E_LAB_START_TIMEOUT)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the endpoints file {lab.EndpointsFile} has not been written yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("synapse Running (unhealthy); mas Waiting", error.Message, StringComparison.Ordinal);
        Assert.Contains("[synapse] database is locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_stays_silent_is_named_when_the_time_is_up()
    {
        var lab = Lab();
        var wait = Wait(TimeSpan.FromSeconds(2));
        LabEndpointsFile.Write(lab.EndpointsFile, _lab.Endpoints(new Uri("ws://127.0.0.1:1/")));

        var error = await Assert.ThrowsAsync<LabStartException>(() => wait.UntilUpAsync(lab, Cancelled));

        Assert.Contains("the endpoints file was written but not every endpoint answers (LiveKit http://127.0.0.1:1/ unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_older_than_the_start_is_an_earlier_labs_and_does_not_count()
    {
        var lab = Lab();
        LabEndpointsFile.Write(lab.EndpointsFile, _lab.Endpoints());
        File.SetLastWriteTimeUtc(lab.EndpointsFile, DateTime.UtcNow.AddHours(-1));

        var error = await Assert.ThrowsAsync<LabStartException>(() => Wait(TimeSpan.FromSeconds(1)).UntilUpAsync(lab, Cancelled));

        Assert.Contains("has not been written yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_that_can_no_longer_come_up_fails_at_once_with_its_state()
    {
        var lab = Lab();
        lab.FailureReason = "synapse is FailedToStart";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LabStartException>(() => Wait(TimeSpan.FromMinutes(5)).UntilUpAsync(lab, Cancelled));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.StartsWith("The lab started by this run cannot come up: synapse is FailedToStart.", error.Message, StringComparison.Ordinal);
        Assert.Contains("[synapse] database is locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_endpoints_file_fails_naming_it()
    {
        var lab = Lab();
        await File.WriteAllTextAsync(lab.EndpointsFile, "{ \"serverName\": ", Cancelled);

        var error = await Assert.ThrowsAsync<LabStartException>(() => Wait(TimeSpan.FromSeconds(5)).UntilUpAsync(lab, Cancelled));

        Assert.Contains($"{lab.EndpointsFile} is not a valid lab endpoints file", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _lab.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
