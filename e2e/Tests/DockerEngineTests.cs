using MatrixRtcLab.E2E.Lab;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>The Docker probe, run as real processes: a missing CLI, an engine that is down, one that answers.</summary>
public sealed class DockerEngineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-docker-").FullName;

    private string FakeDocker(string body) => FakeCommand.Write(_folder, "docker", body);

    [Fact]
    public async Task A_missing_cli_is_reported_as_such()
    {
        var status = await new DockerEngine(Path.Combine(_folder, "no-docker-here")).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.False(status.Available);
        Assert.Contains("no Docker CLI on PATH", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_that_is_down_is_reported_with_the_cli_message()
    {
        var docker = FakeDocker("echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1");

        var status = await new DockerEngine(docker).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.False(status.Available);
        Assert.Contains("Cannot connect to the Docker daemon", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answering_engine_is_available_with_its_version()
    {
        var docker = FakeDocker("[ \"$1\" = info ] && echo 28.1.1");

        var status = await new DockerEngine(docker).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.True(status.Available);
        Assert.Equal("Docker engine 28.1.1", status.Detail);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
