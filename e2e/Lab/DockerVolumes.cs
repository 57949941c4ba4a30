using System.ComponentModel;
using System.Diagnostics;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>Removes Docker volumes through the CLI (<c>docker volume rm -f</c>): the lab the suite started keeps its data in volumes of its own.</summary>
public sealed class DockerVolumes(string command = "docker")
{
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(3);

    public int Attempts { get; init; } = 5;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Removes the volumes (missing ones count as removed). A volume is in use until its container is
    /// gone, so a failed removal is tried again. Returns null, or what the CLI said the last time.
    /// </summary>
    public async Task<string?> RemoveAsync(IReadOnlyList<string> volumes, CancellationToken cancellationToken)
    {
        if (volumes.Count == 0)
        {
            return null;
        }

        string? problem = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            problem = await RemoveOnceAsync(volumes, cancellationToken);
            if (problem is null)
            {
                return null;
            }

            if (attempt < Attempts)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }

        return problem;
    }

    private async Task<string?> RemoveOnceAsync(IReadOnlyList<string> volumes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command, ["volume", "rm", "-f", .. volumes])
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
            return $"`{command} volume rm` could not run ({e.Message})";
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(AttemptTimeout);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            _ = process.StandardOutput.ReadToEndAsync(limit.Token); // the removed names; not needed
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return $"`{command} volume rm` did not answer within {AttemptTimeout.TotalSeconds:0} s";
            }

            if (process.ExitCode == 0)
            {
                return null;
            }

            var said = (await stderr).Trim();
            return $"`{command} volume rm -f {string.Join(' ', volumes)}` exited with {process.ExitCode}: {(said.Length > 0 ? said : "no message")}";
        }
    }
}
