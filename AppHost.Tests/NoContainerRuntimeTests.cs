using System.Diagnostics;
using MatrixRtcLab.AppHost.Startup;
using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests;

/// <summary>
/// README's first command on a machine whose container runtime does not answer: the real AppHost,
/// started with <c>dotnet run</c> and its default launch profile, must stop by itself with one message
/// and a non-zero exit, write nothing and print no stack trace.
/// </summary>
public sealed class NoContainerRuntimeTests
{
    [Fact]
    public async Task Dotnet_run_stops_with_one_clear_message_and_writes_nothing()
    {
        using var state = new TemporaryDirectory();
        var root = LabState.FindRepositoryRoot(AppContext.BaseDirectory);
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(root, "AppHost"), "--no-build", "-c", BuildConfiguration, "--", $"--Lab:StateDirectory={state.Path}"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Where Docker does run, point the CLI at a socket nobody serves: the runtime then does not answer here either.
        start.Environment["DOCKER_HOST"] = "unix://" + Path.Combine(state.Path, "no-docker.sock");
        start.Environment.Remove(ContainerRuntimeProbe.RuntimeSetting);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The AppHost did not stop by itself within 60 s without a container runtime.");
        }

        var output = await stdout + await stderr;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(LabStartRefusal.NoContainerRuntimeHeadline, await stderr, StringComparison.Ordinal);
        Assert.Contains("no-docker.sock", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(state.Path));
    }

    private const string BuildConfiguration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
