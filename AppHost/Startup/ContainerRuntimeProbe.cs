using System.ComponentModel;
using System.Diagnostics;

namespace MatrixRtcLab.AppHost.Startup;

/// <summary>Whether the container runtime Aspire would use answers: runs <c>RUNTIME info</c> with a time limit.</summary>
public static class ContainerRuntimeProbe
{
    /// <summary>Aspire's setting for the runtime (docker or podman); docker when unset.</summary>
    public const string RuntimeSetting = "ASPIRE_CONTAINER_RUNTIME";

    public static async Task<ContainerRuntimeStatus> ProbeAsync(string runtime, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(runtime, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{runtime} did not start");
        }
        catch (Win32Exception)
        {
            return new ContainerRuntimeStatus(runtime, Answers: false, $"{runtime} is not installed (not found on PATH)");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken); // drained, not needed
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new ContainerRuntimeStatus(runtime, Answers: false, $"`{runtime} info` did not answer within {timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode == 0)
            {
                return new ContainerRuntimeStatus(runtime, Answers: true, $"{runtime} answers");
            }

            var reason = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                ?? $"exit code {process.ExitCode}";
            return new ContainerRuntimeStatus(runtime, Answers: false, $"`{runtime} info`: {reason}");
        }
    }
}
