using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Http;

namespace MatrixRtc.Doctor.Checks;

// Well-known documents and the federation API (testmatrix rows 1-4).
public sealed partial class DeploymentChecker
{
    private const int MaxRedirects = 5;

    private static async Task CheckServerWellKnownAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "wk.server", title = "Server well-known";
        var url = run.Under(run.WellKnownBase, "/.well-known/matrix/server");
        var fallback = new Uri($"{run.WellKnownBase.Scheme}://{run.WellKnownBase.Host}:8448/");
        run.FederationBase = run.Options.FederationUrl ?? fallback;
        // Homeservers follow redirects here too (no CORS rule: browsers never fetch it).
        var response = await run.Http.GetAsync(url, cancellationToken: ct);
        var redirects = 0;
        while (response.IsRedirect && redirects < MaxRedirects && response.Header("Location") is { } location)
        {
            response = await run.Http.GetAsync(new Uri(response.Url, location), cancellationToken: ct);
            redirects++;
        }

        var after = redirects > 0 ? $" (after {redirects} redirect(s))" : "";
        if (response.Error is not null)
        {
            run.Add(id, title, CheckOutcome.Fail, response.Error, KnownBreakages.ServerWellKnownMissing, url);
        }
        else if (response.IsRedirect)
        {
            run.Add(id, title, CheckOutcome.Fail, $"more than {MaxRedirects} redirects", KnownBreakages.ServerWellKnownMissing, url);
        }
        else if (response.StatusCode == 404)
        {
            run.Add(id, title, CheckOutcome.Warn, $"no server well-known (404); federation assumed at {fallback}", KnownBreakages.ServerWellKnownMissing, url);
        }
        else if (!response.IsSuccess)
        {
            run.Add(id, title, CheckOutcome.Fail, $"answered {response.Describe()}", KnownBreakages.ServerWellKnownMissing, url);
        }
        else if (response.JsonObject()?["m.server"] is JsonValue server && server.TryGetValue<string>(out var delegated) && delegated.Length > 0)
        {
            // The Matrix spec's default port for a delegated name without one is 8448 (SRV records are not looked up).
            var explicitPort = delegated.StartsWith('[') ? delegated.Contains("]:", StringComparison.Ordinal) : delegated.Contains(':', StringComparison.Ordinal);
            var authority = explicitPort ? delegated : $"{delegated}:8448";
            if (run.Options.FederationUrl is null)
            {
                run.FederationBase = new Uri($"{run.WellKnownBase.Scheme}://{authority}/");
            }

            run.Add(id, title, CheckOutcome.Pass, (explicitPort ? $"m.server is {delegated}" : $"m.server is {delegated} (no port: federation on {authority})") + after, url: url);
        }
        else
        {
            run.Add(id, title, CheckOutcome.Fail, "not a JSON object with a string m.server", KnownBreakages.ServerWellKnownMissing, url);
        }
    }

    private static async Task CheckClientWellKnownAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "wk.client", title = "Client well-known";
        var url = run.Under(run.WellKnownBase, "/.well-known/matrix/client");
        run.ClientBase = run.Options.ClientUrl ?? run.WellKnownBase;

        var hops = new List<ProbeResponse>();
        var response = await run.Http.GetAsync(url, cancellationToken: ct);
        hops.Add(response);
        while (response.IsRedirect && hops.Count <= MaxRedirects && response.Header("Location") is { } location)
        {
            response = await run.Http.GetAsync(new Uri(response.Url, location), cancellationToken: ct);
            hops.Add(response);
        }

        JsonObject? document = null;
        if (response.Error is not null)
        {
            run.Add(id, title, CheckOutcome.Fail, response.Error, KnownBreakages.ClientWellKnownMissing, url);
        }
        else if (response.StatusCode == 404)
        {
            run.Add(id, title, CheckOutcome.Warn, $"no client well-known (404); clients must be told the homeserver URL by hand", KnownBreakages.ClientWellKnownMissing, url);
        }
        else if (response.IsRedirect)
        {
            run.Add(id, title, CheckOutcome.Fail, $"more than {MaxRedirects} redirects", KnownBreakages.ClientWellKnownMissing, url);
        }
        else if (!response.IsSuccess)
        {
            run.Add(id, title, CheckOutcome.Fail, $"answered {response.Describe()}", KnownBreakages.ClientWellKnownMissing, url);
        }
        else if ((document = response.JsonObject()) is null)
        {
            run.Add(id, title, CheckOutcome.Fail, "body is not a JSON object", KnownBreakages.ClientWellKnownMissing, url);
        }
        else if (document["m.homeserver"] is not JsonObject homeserverEntry)
        {
            run.Add(id, title, CheckOutcome.Fail, "m.homeserver is missing or not a JSON object", KnownBreakages.ClientWellKnownMissing, url);
        }
        else if (homeserverEntry["base_url"] is not JsonValue baseValue
                 || !baseValue.TryGetValue<string>(out var baseUrl)
                 || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var homeserver))
        {
            run.Add(id, title, CheckOutcome.Fail, "m.homeserver.base_url is missing or not an absolute URL", KnownBreakages.ClientWellKnownMissing, url);
        }
        else
        {
            if (run.Options.ClientUrl is null)
            {
                run.ClientBase = homeserver;
            }

            var redirects = hops.Count > 1 ? $" after {hops.Count - 1} redirect(s)" : "";
            if (homeserver.Scheme == "https")
            {
                run.Add(id, title, CheckOutcome.Pass, $"homeserver is {homeserver}{redirects}", url: url);
            }
            else if (IsLocal(homeserver))
            {
                run.Add(id, title, CheckOutcome.Pass, $"homeserver is {homeserver}{redirects} (plain http: fine for a local lab only)", url: url);
            }
            else
            {
                run.Add(id, title, CheckOutcome.Warn, $"homeserver {homeserver} is not https", "Serve the homeserver over https; browsers block media and mixed content otherwise", url);
            }
        }

        CheckClientWellKnownCors(run, url, hops, response.IsSuccess && document is not null);
        CheckRtcFoci(run, url, document);
    }

    private static void CheckClientWellKnownCors(CheckRun run, Uri url, List<ProbeResponse> hops, bool served)
    {
        const string id = "wk.client.cors", title = "Client well-known CORS";
        if (!served)
        {
            run.Add(id, title, CheckOutcome.Skip, "no client well-known to inspect");
            return;
        }

        for (var i = 0; i < hops.Count; i++)
        {
            var origin = hops[i].Header("Access-Control-Allow-Origin");
            if (origin != "*")
            {
                var where = i == hops.Count - 1 ? "the document" : $"redirect #{i + 1} ({run.Http.Redactor.Display(hops[i].Url)})";
                var seen = origin is null ? "no Access-Control-Allow-Origin" : $"Access-Control-Allow-Origin '{origin}'";
                run.Add(id, title, CheckOutcome.Fail, $"{where} has {seen}", KnownBreakages.ClientWellKnownCors, hops[i].Url);
                return;
            }
        }

        run.Add(id, title, CheckOutcome.Pass, hops.Count > 1
            ? $"Access-Control-Allow-Origin: * on the document and all {hops.Count - 1} redirect(s)"
            : "Access-Control-Allow-Origin: *", url: url);
    }

    private static void CheckRtcFoci(CheckRun run, Uri url, JsonObject? document)
    {
        const string id = "wk.rtc_foci", title = "Well-known rtc_foci";
        if (document is null)
        {
            run.Add(id, title, CheckOutcome.Skip, "no client well-known to inspect");
            return;
        }

        var foci = document["org.matrix.msc4143.rtc_foci"];
        if (foci is null)
        {
            run.Add(id, title, CheckOutcome.Warn, "no org.matrix.msc4143.rtc_foci (Element Call ≥ 0.24 uses rtc/transports instead; older clients need it)", KnownBreakages.RtcFociMissing, url);
            return;
        }

        if (foci is not JsonArray entries)
        {
            run.Add(id, title, CheckOutcome.Fail, "org.matrix.msc4143.rtc_foci is not a list", KnownBreakages.RtcFociMissing, url);
            return;
        }

        var others = new List<string>();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject focus)
            {
                run.Add(id, title, CheckOutcome.Fail, "an rtc_foci entry is not an object", KnownBreakages.RtcFociMissing, url);
                return;
            }

            if (ReadLiveKitUrl(focus) is { } service)
            {
                run.RtcFoci.Add(service);
            }
            else
            {
                others.Add(focus["type"]?.ToString() ?? "untyped");
            }
        }

        if (run.RtcFoci.Count == 0)
        {
            run.Add(id, title, CheckOutcome.Fail, $"no usable livekit focus ({entries.Count} entries: {string.Join(", ", others)})", KnownBreakages.RtcFociMissing, url);
            return;
        }

        var extra = others.Count > 0 ? $"; ignored: {string.Join(", ", others)}" : "";
        run.Add(id, title, CheckOutcome.Pass, $"livekit service {string.Join(", ", run.RtcFoci)}{extra}", url: url);
    }

    private static async Task CheckFederationAsync(CheckRun run, CancellationToken ct)
    {
        var keysUrl = run.Under(run.FederationBase, "/_matrix/key/v2/server");
        var keys = await run.Http.GetAsync(keysUrl, cancellationToken: ct);
        const string keysId = "fed.keys", keysTitle = "Federation signing keys";
        var name = run.Options.ServerName;
        if (keys.Error is not null || !keys.IsSuccess)
        {
            run.Add(keysId, keysTitle, CheckOutcome.Fail, $"federation at {run.FederationBase} unreachable: {keys.Describe()}", KnownBreakages.FederationUnreachable, keysUrl);
        }
        else if (keys.JsonObject() is not { } document)
        {
            run.Add(keysId, keysTitle, CheckOutcome.Fail, "key document is not JSON", KnownBreakages.FederationUnreachable, keysUrl);
        }
        else if (document["server_name"]?.ToString() is not { } served || !served.Equals(name, StringComparison.OrdinalIgnoreCase))
        {
            run.Add(keysId, keysTitle, CheckOutcome.Fail, $"keys are for '{document["server_name"]}', not '{name}'", KnownBreakages.ServerNameMismatch, keysUrl);
        }
        else if (document["signatures"] is not JsonObject signatures || !signatures.Any(s => s.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            run.Add(keysId, keysTitle, CheckOutcome.Fail, $"key document is not signed by '{name}'", KnownBreakages.ServerNameMismatch, keysUrl);
        }
        else
        {
            run.Add(keysId, keysTitle, CheckOutcome.Pass, $"signed by {served}", url: keysUrl);
        }

        const string versionId = "fed.version", versionTitle = "Federation API";
        var versionUrl = run.Under(run.FederationBase, "/_matrix/federation/v1/version");
        var version = await run.Http.GetAsync(versionUrl, cancellationToken: ct);
        if (version.StatusCode == 404)
        {
            run.Add(versionId, versionTitle, CheckOutcome.Warn, "federation version endpoint missing (404)", KnownBreakages.FederationUnreachable, versionUrl);
        }
        else if (version.Error is not null || !version.IsSuccess)
        {
            run.Add(versionId, versionTitle, CheckOutcome.Fail, version.Describe(), KnownBreakages.FederationUnreachable, versionUrl);
        }
        else if (version.JsonObject()?["server"] is not JsonObject server)
        {
            run.Add(versionId, versionTitle, CheckOutcome.Fail, "answered, but not a JSON object with a server object", KnownBreakages.FederationUnreachable, versionUrl);
        }
        else
        {
            run.Add(versionId, versionTitle, CheckOutcome.Pass, $"{Text(server["name"]) ?? "unknown server"} {Text(server["version"]) ?? ""}".TrimEnd(), url: versionUrl);
        }
    }

    internal static Uri? ReadLiveKitUrl(JsonObject transport) =>
        transport["type"]?.ToString() == "livekit"
        && transport["livekit_service_url"] is JsonValue value
        && value.TryGetValue<string>(out var text)
        && Uri.TryCreate(text, UriKind.Absolute, out var service)
            ? service
            : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsLocal(Uri url) =>
        url.IsLoopback || url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
