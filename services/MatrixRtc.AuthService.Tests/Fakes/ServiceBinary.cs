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

    /// <summary>The least a child needs to start, listening on 127.0.0.1:<paramref name="port"/>, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> MinimalEnvironment(int port, params (string Key, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = "ws://127.0.0.1:7880",
            ["LIVEKIT_KEY"] = "key",
            ["LIVEKIT_SECRET"] = "secret",
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = "example.com",
            ["LIVEKIT_JWT_BIND"] = $"127.0.0.1:{port}",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>A loopback port free right now, for a child to bind.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a GET of <paramref name="path"/> succeeds (false while the child is still starting).</summary>
    public static bool Answers(HttpClient http, string path)
    {
        try
        {
            return http.GetAsync(path).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
