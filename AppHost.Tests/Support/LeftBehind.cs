using System.Net;
using System.Net.Sockets;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>What a stopped lab must not leave behind: processes working in its state folder, listeners on its ports.</summary>
public static class LeftBehind
{
    public static async Task AssertNoneAsync(string stateDirectory, IReadOnlyList<int> ports)
    {
        // Processes get a few seconds to finish their own shutdown after the orchestrator signalled them.
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 15;
        List<string> left;
        while ((left = [.. Processes(stateDirectory), .. ports.Where(Listening).Select(p => $"a listener on port {p}")]).Count > 0
               && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(250);
        }

        if (left.Count > 0)
        {
            throw new InvalidOperationException($"The stopped lab left behind: {string.Join("; ", left)}");
        }
    }

    private static IEnumerable<string> Processes(string stateDirectory) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: Path.GetFileName(d), CommandLine: ReadCommandLine(d)))
            .Where(p => p.CommandLine.Contains(stateDirectory, StringComparison.Ordinal))
            .Select(p => $"process {p.Pid} ({p.CommandLine})");

    private static string ReadCommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static bool Listening(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
