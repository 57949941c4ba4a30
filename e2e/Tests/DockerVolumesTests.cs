using MatrixRtcLab.E2E.Lab;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Removing the started lab's volumes, with a script standing in for the Docker CLI that records how it was called.</summary>
public sealed class DockerVolumesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-volumes-").FullName;

    private string Calls => Path.Combine(_folder, "calls.txt");

    private DockerVolumes Volumes(string body) => new(FakeCommand.Write(_folder, "docker", $"echo \"$@\" >> '{Calls}'\n{body}"))
    {
        RetryDelay = TimeSpan.FromMilliseconds(50),
        Attempts = 3,
    };

    private string[] RecordedCalls() => File.Exists(Calls) ? File.ReadAllLines(Calls) : [];

    [Fact]
    public async Task The_named_volumes_are_removed_in_one_forced_call()
    {
        var problem = await Volumes("exit 0").RemoveAsync(["matrixrtc-e2e-1-postgres-data", "matrixrtc-e2e-1-redis-data"], TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal(["volume rm -f matrixrtc-e2e-1-postgres-data matrixrtc-e2e-1-redis-data"], RecordedCalls());
    }

    [Fact]
    public async Task A_volume_still_in_use_is_tried_again_until_its_container_is_gone()
    {
        var attempts = Path.Combine(_folder, "attempts");
        var volumes = Volumes($"echo x >> '{attempts}'; [ $(wc -l < '{attempts}') -ge 2 ] || {{ echo 'Error response from daemon: remove v: volume is in use' >&2; exit 1; }}");

        var problem = await volumes.RemoveAsync(["v"], TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal(2, RecordedCalls().Length);
    }

    [Fact]
    public async Task A_removal_that_keeps_failing_reports_what_docker_said()
    {
        var problem = await Volumes("echo 'Cannot connect to the Docker daemon' >&2; exit 1").RemoveAsync(["v"], TestContext.Current.CancellationToken);

        Assert.NotNull(problem);
        Assert.Contains("exited with 1: Cannot connect to the Docker daemon", problem, StringComparison.Ordinal);
        Assert.Equal(3, RecordedCalls().Length);
    }

    [Fact]
    public async Task No_volumes_means_no_call()
    {
        Assert.Null(await Volumes("exit 1").RemoveAsync([], TestContext.Current.CancellationToken));
        Assert.Empty(RecordedCalls());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
