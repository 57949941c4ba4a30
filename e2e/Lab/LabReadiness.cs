using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Asks every public endpoint of a deployment whether it answers (the checks that work from
/// outside: no internal ports). An empty result means ready.
/// </summary>
public sealed class LabReadiness(HttpClient http)
{
    public static IReadOnlyList<(string Name, Uri Url)> Probes(LabEndpoints lab)
    {
        var probes = new List<(string, Uri)>
        {
            ("homeserver", new Uri(lab.HomeserverUrl, "_matrix/client/versions")),
            ("Element Web", new Uri(lab.ElementWebUrl, "config.json")),
            ("auth service", new Uri(lab.AuthServiceUrl, "healthz")),
            ("LiveKit", new UriBuilder(lab.LiveKitUrl) { Scheme = lab.LiveKitUrl.Scheme == "wss" ? "https" : "http" }.Uri),
        };
        if (lab.MasUrl is { } mas)
        {
            probes.Add(("MAS", new Uri(mas, ".well-known/openid-configuration")));
        }
        return probes;
    }

    public async Task<IReadOnlyList<string>> ProblemsAsync(LabEndpoints lab, CancellationToken cancellationToken)
    {
        var checks = Probes(lab).Select(async probe =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                using var response = await http.GetAsync(probe.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                return response.IsSuccessStatusCode ? null : $"{probe.Name} {probe.Url} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                return $"{probe.Name} {probe.Url} unreachable ({e.HttpRequestError})";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"{probe.Name} {probe.Url} did not answer within 5 s";
            }
        });
        return [.. (await Task.WhenAll(checks)).OfType<string>()];
    }
}
