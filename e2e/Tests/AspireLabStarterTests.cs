using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using MatrixRtcLab.AppHost.Startup;
using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// The starter with the real AppHost through Aspire.Hosting.Testing, starting no container: the lab
/// it builds (with <c>--Lab:Containers=on</c> the model is built without asking for a runtime) and
/// that building starts nothing, a failed resource as it reports it, and an AppHost that refuses to start.
/// </summary>
public sealed class AspireLabStarterTests(ITestOutputHelper output) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-starter-").FullName;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    private AspireLabStarter BuildOnlyStarter(DockerVolumes? volumes = null) =>
        new(new LabReadiness(_http), TimeProvider.System, ["--Lab:Containers=on"], volumes);

    private async Task<DistributedApplication> BuildAsync(AspireLabStarter starter)
    {
        var clock = Stopwatch.StartNew();
        var app = await starter.BuildAsync(Cancelled);
        output.WriteLine($"CreateAsync + BuildAsync of the AppHost: {clock.Elapsed.TotalSeconds:0.0} s");
        return app;
    }

    [Fact]
    public async Task The_lab_it_builds_keeps_its_state_in_a_temporary_folder_its_data_in_volumes_of_its_own_and_the_labs_ports()
    {
        await using var starter = BuildOnlyStarter();
        var app = await BuildAsync(starter);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.False(starter.StateDirectory.StartsWith(RepositoryRoot.FromTestAssembly() + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(starter.StateDirectory, LabSecretsStore.FileName)));
        Assert.Equal(LabEndpointsFile.ResolvePath(starter.StateDirectory), starter.EndpointsFile);

        var volumes = model.Resources
            .SelectMany(r => r.Annotations.OfType<ContainerMountAnnotation>())
            .Where(m => m.Type == ContainerMountType.Volume)
            .Select(m => m.Source)
            .Order(StringComparer.Ordinal);
        var prefix = starter.VolumePrefix;
        Assert.Equal([$"{prefix}-nextcloud-data", $"{prefix}-postgres-data", $"{prefix}-redis-data", $"{prefix}-synapse-data"], volumes);
        Assert.Equal(volumes, starter.Volumes.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(new LabOptions().VolumePrefix, prefix, StringComparison.Ordinal);

        // Aspire.Hosting.Testing would move proxied endpoints (Redis) to random ports; the auth service
        // and the endpoints file use the lab's.
        Assert.Equal("false", app.Services.GetRequiredService<IConfiguration>()["DcpPublisher:RandomizePorts"]);
        var redis = model.Resources.Single(r => r.Name == LabResourceNames.Redis).Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal(LabPorts.RedisHost, redis.Port);
    }

    [Fact]
    public async Task Building_the_lab_starts_nothing_until_it_is_told_to()
    {
        await using var starter = BuildOnlyStarter();
        var app = await BuildAsync(starter);

        // Aspire.Hosting.Testing lets the AppHost's entry point run the application as soon as it is built.
        await Task.Delay(TimeSpan.FromSeconds(3), Cancelled);

        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested);
        Assert.DoesNotContain("Distributed application starting", starter.Diagnostics(), StringComparison.Ordinal);
        Assert.Null(starter.Failure());
    }

    [Fact]
    public async Task A_resource_that_failed_to_start_ends_the_wait_at_once_with_the_state_of_every_resource()
    {
        await using var starter = BuildOnlyStarter();
        var app = await BuildAsync(starter);
        Assert.Null(starter.Failure());

        var synapse = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == LabResourceNames.Synapse);
        await app.ResourceNotifications.PublishUpdateAsync(synapse, s => s with { State = KnownResourceStates.FailedToStart, ExitCode = 3 });
        var wait = new LabStartWait(new LabReadiness(_http).ProblemsAsync, TimeProvider.System, TimeSpan.FromMinutes(5));
        var error = await Assert.ThrowsAsync<LabStartException>(() => wait.UntilUpAsync(starter, Cancelled));

        Assert.StartsWith("The lab started by this run cannot come up: synapse is FailedToStart (exit code 3).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resources: ", error.Message, StringComparison.Ordinal);
        foreach (var name in new[] { LabResourceNames.Postgres, LabResourceNames.Mas, LabResourceNames.LiveKit, LabResourceNames.AuthService, LabResourceNames.ElementWeb })
        {
            Assert.Contains(name + " ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Disposing_a_lab_that_never_started_removes_its_folder_and_leaves_docker_alone()
    {
        var calls = Path.Combine(_folder, "calls.txt");
        var docker = FakeCommand.Write(_folder, "docker", $"echo \"$@\" >> '{calls}'");
        var starter = BuildOnlyStarter(new DockerVolumes(docker));
        await BuildAsync(starter);

        await starter.DisposeAsync();

        Assert.False(Directory.Exists(starter.StateDirectory));
        Assert.False(File.Exists(calls));
    }

    [Fact]
    public async Task An_AppHost_that_refuses_to_start_fails_the_stack_tests_with_what_it_said()
    {
        // The AppHost's default mode, with a container runtime that cannot answer on any machine.
        var runtime = Path.Combine(_folder, "no-container-runtime");
        await using var starter = new AspireLabStarter(new LabReadiness(_http), TimeProvider.System,
            ["--Lab:Containers=auto", "--Lab:Runtime=container", $"--{ContainerRuntimeProbe.RuntimeSetting}={runtime}"]);

        var plan = await LabFixture.StartAsync(starter, TimeSpan.FromMinutes(5), Cancelled);

        var fail = Assert.IsType<LabPlan.Fail>(plan);
        Assert.Contains("The AppHost did not build the lab", fail.Message, StringComparison.Ordinal);
        Assert.Contains(LabStartRefusal.NoContainerRuntimeHeadline, fail.Message, StringComparison.Ordinal);
        Assert.Contains($"{runtime} is not installed", fail.Message, StringComparison.Ordinal);
        Assert.Empty(starter.Volumes);
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
