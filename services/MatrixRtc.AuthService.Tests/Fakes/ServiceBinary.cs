using System.Diagnostics;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>The real service binary as a child process, for what only a process shows (exit status, environment-driven start-up).</summary>
public static class ServiceBinary
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "matrixrtc-auth-service.dll");

    /// <summary>
    /// `dotnet matrixrtc-auth-service.dll` with output redirected and exactly the given LIVEKIT_* variables
    /// (none inherited from the test process); a null value leaves a variable unset.
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("LIVEKIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }
}
