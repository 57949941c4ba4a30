using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MatrixRtc.AuthService.Testing;

/// <summary>
/// A server a test runs as a child process: its output is kept (the last lines, for failure
/// messages), and stopping it sends SIGTERM, then kills it if it has not exited within the grace time.
/// </summary>
public sealed partial class LocalServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(10);
    private const int MaxKeptLines = 200;
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private LocalServerProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>What the server is, for messages ("Synapse", "redis-server").</summary>
    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="start"/> with its standard output and error captured.</summary>
    public static LocalServerProcess Start(string name, ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} ({start.FileName}) did not start");
        var server = new LocalServerProcess(name, process);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The last lines the server wrote (both streams, interleaved as they came).</summary>
    public string OutputTail(int lines = 60) => string.Join('\n', output.TakeLast(lines));

    /// <summary>Why the server is not running, with its last output; for a failed start.</summary>
    public string DescribeExit() =>
        $"{Name} exited with code {process.ExitCode}. Its last output:\n{OutputTail()}";

    /// <summary>SIGTERM, then a kill once <paramref name="grace"/> has passed; waits until it is gone.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        if (SendSignal(process.Id, SigTerm) == 0)
        {
            using var waiting = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(waiting.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // It ignored SIGTERM for too long.
            }
        }

        await KillAsync();
    }

    /// <summary>Kills the server at once (as a crash would) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(DefaultStopGrace);
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > MaxKeptLines && output.TryDequeue(out _))
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
