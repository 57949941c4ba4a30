using System.ComponentModel;
using System.Diagnostics;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>Asks the Docker CLI whether an engine answers (<c>docker info</c> exits 0).</summary>
public sealed class DockerEngine(string command = "docker")
{
    public async Task<DockerStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{command} did not start");
        }
        catch (Win32Exception e)
        {
            return new DockerStatus(false, $"`{command} info` could not run ({e.Message}): no Docker CLI on PATH");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new DockerStatus(false, $"`{command} info` did not answer within 20 s");
            }
            if (process.ExitCode == 0)
            {
                return new DockerStatus(true, $"Docker engine {(await stdout).Trim()}");
            }
            var firstLine = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault() ?? $"exit code {process.ExitCode}";
            return new DockerStatus(false, $"`{command} info` failed: {firstLine}");
        }
    }
}
