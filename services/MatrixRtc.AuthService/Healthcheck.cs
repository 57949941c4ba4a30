using System.Globalization;
using MatrixRtc.AuthService.Configuration;

namespace MatrixRtc.AuthService;

/// <summary>
/// <c>--healthcheck</c>: replaces upstream's separate healthcheck binary for a container
/// HEALTHCHECK. Unlike upstream it understands every LIVEKIT_JWT_BIND form and LIVEKIT_JWT_PORT.
/// </summary>
public static class Healthcheck
{
    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter output, CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            var port = environment("LIVEKIT_JWT_PORT");
            var bind = BindAddress.Parse(
                environment("LIVEKIT_JWT_BIND") is { Length: > 0 } b ? b : port is { Length: > 0 } ? ":" + port : ":8080", "LIVEKIT_JWT_BIND");
            var host = bind.Host is null or "0.0.0.0" or "::" ? "localhost" : bind.Host.Contains(':', StringComparison.Ordinal) ? $"[{bind.Host}]" : bind.Host;
            url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{bind.Port}/healthz"));
        }
        catch (ConfigurationException e)
        {
            await output.WriteLineAsync($"Connection error: {e.Message}");
            return 1;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return 0;
            }

            await output.WriteLineAsync($"Healthcheck failed with status code {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"Connection error: {e.Message}");
            return 1;
        }
    }
}
