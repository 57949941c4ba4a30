using System.Collections.Concurrent;
using System.Diagnostics;
using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Runs <c>dotnet run --project AppHost</c> for the duration of the test run and waits until the lab
/// has written its endpoints file and every endpoint answers. Stops it (SIGTERM, then kill) at the end.
/// </summary>
public sealed class AppHostLauncher(
    string repositoryRoot,
    string endpointsFile,
    LabReadiness readiness,
    TimeProvider time,
    IReadOnlyList<string>? command = null)
    : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _command = command ?? ["dotnet", "run", "--project", Path.Combine(repositoryRoot, "AppHost")];

    /// <summary>Seconds to wait for a started lab (first start pulls images). Default 900.</summary>
    public const string StartTimeoutVariable = "MATRIXRTC_E2E_LAB_START_TIMEOUT";

    private readonly ConcurrentQueue<string> _output = new();

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The started process, while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    private Process? _process;

    public async Task<LabEndpoints> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var start = new ProcessStartInfo(_command[0], _command.Skip(1))
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[LabEndpointsFile.PathVariable] = endpointsFile;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{string.Join(' ', _command)} did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var began = time.GetTimestamp();
        IReadOnlyList<string> lastProblems = ["the endpoints file has not been written yet"];
        while (time.GetElapsedTime(began) < timeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output into Tail()
                throw new InvalidOperationException(
                    $"The AppHost exited with code {_process.ExitCode} before the lab was ready. Its last output:{Environment.NewLine}{Tail()}");
            }
            if (File.Exists(endpointsFile) && File.GetLastWriteTimeUtc(endpointsFile) >= startedAt.UtcDateTime.AddSeconds(-1))
            {
                var endpoints = LabEndpointsFile.Read(endpointsFile);
                lastProblems = await readiness.ProblemsAsync(endpoints, cancellationToken);
                if (lastProblems.Count == 0)
                {
                    return endpoints;
                }
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
        throw new TimeoutException(
            $"The lab started by the AppHost was not ready within {timeout.TotalSeconds:0} s ({StartTimeoutVariable}): " +
            $"{string.Join("; ", lastProblems)}. Its last output:{Environment.NewLine}{Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    private string Tail() => string.Join(Environment.NewLine, _output);

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        using (_process)
        {
            if (!_process.HasExited)
            {
                // A graceful stop lets Aspire remove the containers it created.
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
    }
}
