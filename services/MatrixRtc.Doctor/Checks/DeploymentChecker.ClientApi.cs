using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Checks;

// Client-Server API: versions and feature flags, MAS discovery, MatrixRTC transports, OpenID, TURN.
public sealed partial class DeploymentChecker
{
    /// <summary>Element Call's default delay of its dead man's switch (matrix_rtc_session.delayed_leave_event_delay_ms).</summary>
    private const long ElementCallLeaveDelayMs = 10_000;

    private const string NeedsCredentials = "needs --user and --token";

    private static async Task CheckVersionsAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "cs.versions", title = "Client API versions";
        var url = run.Under(run.ClientBase, "/_matrix/client/versions");
        var response = await run.Http.GetAsync(url, cancellationToken: ct);
        var document = response.JsonObject();
        if (response.Error is not null || !response.IsSuccess || document?["versions"] is not JsonArray versions)
        {
            run.Add(id, title, CheckOutcome.Fail, $"no versions document from {run.ClientBase}: {(response.IsSuccess ? "not JSON with a versions list" : response.Describe())}",
                "Check m.homeserver.base_url and that the reverse proxy routes /_matrix/client to Synapse", url);
            return;
        }

        run.Versions = document;
        if (response.Header("Access-Control-Allow-Origin") != "*")
        {
            run.Add(id, title, CheckOutcome.Fail, "versions served without Access-Control-Allow-Origin: *", KnownBreakages.VersionsCors, url);
            return;
        }

        var newest = versions.Select(v => v?.ToString()).LastOrDefault();
        run.Add(id, title, CheckOutcome.Pass, $"{versions.Count} spec versions, newest {newest}", url: url);
    }

    private static async Task CheckDelayedEventsAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "cs.delayed_events", title = "Delayed events (MSC4140)";
        if (run.Versions is null)
        {
            run.Add(id, title, CheckOutcome.Skip, "no versions document");
            run.Add("cs.sticky_events", "Sticky events (MSC4354)", CheckOutcome.Skip, "no versions document");
            return;
        }

        var features = run.Versions["unstable_features"] as JsonObject;
        if (!Flag(features, "org.matrix.msc4140"))
        {
            run.Add(id, title, CheckOutcome.Fail, "org.matrix.msc4140 not advertised: crashed clients will leave stuck calls", KnownBreakages.DelayedEventsOff);
        }
        else if (run.Options.AccessToken is null)
        {
            run.Add(id, title, CheckOutcome.Pass, "advertised (limits not read: " + NeedsCredentials + ")");
        }
        else
        {
            var url = run.Under(run.ClientBase, "/_matrix/client/v3/capabilities");
            var response = await run.Http.GetAsync(url, run.Options.AccessToken, ct);
            var capabilities = response.JsonObject()?["capabilities"];
            var limits = (capabilities as JsonObject)?["org.matrix.msc4140.delayed_events"] as JsonObject;
            if (response.IsSuccess && capabilities is not JsonObject)
            {
                run.Add(id, title, CheckOutcome.Fail, "advertised, but /capabilities is not a JSON object with a capabilities object", url: url);
            }
            else if (limits?["max_delay_ms"] is JsonValue max && max.TryGetValue<long>(out var maxDelay))
            {
                if (maxDelay < ElementCallLeaveDelayMs)
                {
                    run.Add(id, title, CheckOutcome.Fail, $"advertised, but max_delay_ms is {maxDelay}: Element Call's 10 s delayed leave is refused", KnownBreakages.DelayedEventsTooShort, url);
                }
                else
                {
                    run.Add(id, title, CheckOutcome.Pass, $"advertised; max_delay_ms {maxDelay}, max_scheduled {limits["max_scheduled"]?.ToString() ?? "?"}", url: url);
                }
            }
            else
            {
                run.Add(id, title, CheckOutcome.Pass, "advertised (this homeserver publishes no delayed-event limits)", url: url);
            }
        }

        run.Add("cs.sticky_events", "Sticky events (MSC4354)", CheckOutcome.Info, Flag(features, "org.matrix.msc4354")
            ? "org.matrix.msc4354 advertised: Element Call can use matrix_2_0 mode"
            : "org.matrix.msc4354 not advertised: Element Call must run in legacy/compatibility mode (matrix_2_0 fails with STICKY_EVENTS_NOT_SUPPORTED)");
    }

    // testmatrix's registration and directory probes, without its side effects: a register request
    // without credentials never creates an account (it is answered with the UIA flows or refused);
    // the guest registration probe, which would create a guest, is left out.
    private static async Task CheckRegistrationAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "cs.registration", title = "Open registration";
        if (run.Versions is null)
        {
            run.Add(id, title, CheckOutcome.Skip, "no versions document");
            return;
        }

        var url = run.Under(run.ClientBase, "/_matrix/client/v3/register");
        var response = await run.Http.SendAsync(HttpMethod.Post, url, null, new JsonObject(), ct);
        var flows = (response.JsonObject()?["flows"] as JsonArray ?? [])
            .Select(f => string.Join("+", (f?["stages"] as JsonArray ?? []).Select(stage => stage?.ToString())))
            .Where(f => f.Length > 0)
            .ToList();
        if (response.StatusCode == 401 && flows.Count > 0)
        {
            run.Add(id, title, CheckOutcome.Warn, $"anyone can register (flows: {string.Join(", ", flows)})",
                "Set enable_registration: false (or registration_requires_3pid/captcha) unless open sign-up is intended", url);
        }
        else if (response.StatusCode is 403 or 404 or 405)
        {
            run.Add(id, title, CheckOutcome.Pass, response.StatusCode == 403 ? "direct registration is refused" : "direct registration is not served (accounts come from the identity provider)", url: url);
        }
        else
        {
            run.Add(id, title, CheckOutcome.Info, $"register answered {response.Describe()}", url: url);
        }

        var directory = run.Under(run.ClientBase, "/_matrix/client/v3/publicRooms?limit=1");
        var rooms = await run.Http.GetAsync(directory, cancellationToken: ct);
        run.Add("cs.directory", "Public room directory", CheckOutcome.Info, rooms.IsSuccess
            ? "readable without logging in"
            : $"not readable without logging in ({rooms.Describe()})", url: directory);
    }

    private static async Task CheckAuthMetadataAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "auth.metadata", title = "OAuth delegation (MAS)";
        var url = run.Under(run.ClientBase, "/_matrix/client/v1/auth_metadata");
        var response = await run.Http.GetAsync(url, cancellationToken: ct);
        if (response.StatusCode is 404 or 400)
        {
            url = run.Under(run.ClientBase, "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata");
            response = await run.Http.GetAsync(url, cancellationToken: ct);
        }

        string? issuer = null;
        if (response.Error is not null)
        {
            run.Add(id, title, CheckOutcome.Warn, response.Error, "Route /_matrix/client/*/auth_metadata to Synapse", url);
        }
        else if (!response.IsSuccess)
        {
            run.Add(id, title, CheckOutcome.Info, $"no auth metadata ({response.Describe()}): the homeserver handles logins itself", url: url);
        }
        else if ((issuer = response.JsonObject()?["issuer"]?.ToString()) is null)
        {
            run.Add(id, title, CheckOutcome.Fail, "auth metadata without an issuer", KnownBreakages.IssuerMismatch, url);
        }
        else
        {
            run.Add(id, title, CheckOutcome.Pass, $"logins delegated to {issuer}", url: url);
        }

        const string oidcId = "auth.oidc", oidcTitle = "OIDC discovery";
        if (issuer is null || !Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUrl))
        {
            run.Add(oidcId, oidcTitle, CheckOutcome.Skip, "no OAuth issuer advertised");
            return;
        }

        var discoveryUrl = run.Under(issuerUrl, "/.well-known/openid-configuration");
        var discovery = await run.Http.GetAsync(discoveryUrl, cancellationToken: ct);
        var served = discovery.JsonObject()?["issuer"]?.ToString();
        if (discovery.Error is not null || !discovery.IsSuccess)
        {
            run.Add(oidcId, oidcTitle, CheckOutcome.Fail, $"issuer's discovery document unavailable: {discovery.Describe()}", KnownBreakages.MasUnreachable, discoveryUrl);
        }
        else if (served != issuer)
        {
            run.Add(oidcId, oidcTitle, CheckOutcome.Fail, $"discovery names issuer '{served}', the homeserver advertises '{issuer}'", KnownBreakages.IssuerMismatch, discoveryUrl);
        }
        else
        {
            run.Add(oidcId, oidcTitle, CheckOutcome.Pass, $"issuer matches; authorization endpoint {discovery.JsonObject()?["authorization_endpoint"]}", url: discoveryUrl);
        }
    }

    private static async Task CheckTransportsAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "rtc.transports", title = "RTC transports (MSC4143)";
        if (run.Options.AccessToken is null)
        {
            run.Add(id, title, CheckOutcome.Skip, NeedsCredentials);
            return;
        }

        var url = run.Under(run.ClientBase, "/_matrix/client/unstable/org.matrix.msc4143/rtc/transports");
        var response = await run.Http.GetAsync(url, run.Options.AccessToken, ct);
        if (response.StatusCode is 404 or 400)
        {
            url = run.Under(run.ClientBase, "/_matrix/client/v1/rtc/transports");
            response = await run.Http.GetAsync(url, run.Options.AccessToken, ct);
        }

        if (response.StatusCode == 401)
        {
            run.Add(id, title, CheckOutcome.Fail, $"access token refused ({response.Describe()})", KnownBreakages.TokenRejected, url);
            return;
        }

        if (response.Error is not null || !response.IsSuccess || response.JsonObject() is not { } document)
        {
            run.Add(id, title, CheckOutcome.Fail, $"rtc/transports not served ({response.Describe()}): Element Call cannot find the SFU", KnownBreakages.TransportsMissing, url);
            return;
        }

        run.Transports = [.. (document["rtc_transports"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadLiveKitUrl).OfType<Uri>()];
        if (run.Transports.Count == 0)
        {
            run.Add(id, title, CheckOutcome.Warn, "served, but lists no livekit transport", KnownBreakages.TransportsEmpty, url);
        }
        else
        {
            run.Add(id, title, CheckOutcome.Pass, $"livekit service {string.Join(", ", run.Transports)}", url: url);
        }

        if (run.Transports.Count > 0 && run.RtcFoci.Count > 0)
        {
            var same = run.Transports.Select(Normalise).ToHashSet().SetEquals(run.RtcFoci.Select(Normalise));
            run.Add("rtc.consistent", "Transports match rtc_foci", same ? CheckOutcome.Pass : CheckOutcome.Warn,
                same ? "well-known and homeserver name the same auth service"
                     : $"well-known names {string.Join(", ", run.RtcFoci)}, homeserver names {string.Join(", ", run.Transports)}",
                KnownBreakages.TransportsDiffer);
        }
    }

    private static async Task CheckOpenIdAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "rtc.openid", title = "OpenID token";
        const string infoId = "rtc.userinfo", infoTitle = "OpenID userinfo over federation";
        if (run.UserId is not { } user || run.Options.AccessToken is null)
        {
            run.Add(id, title, CheckOutcome.Skip, NeedsCredentials);
            run.Add(infoId, infoTitle, CheckOutcome.Skip, NeedsCredentials);
            return;
        }

        var url = run.Under(run.ClientBase, $"/_matrix/client/v3/user/{Uri.EscapeDataString(user)}/openid/request_token");
        var response = await run.Http.SendAsync(HttpMethod.Post, url, run.Options.AccessToken, new JsonObject(), ct);
        var token = response.JsonObject()?["access_token"]?.ToString();
        if (response.StatusCode is 401 or 403)
        {
            run.Add(id, title, CheckOutcome.Fail, $"refused for {user} ({response.Describe()})", KnownBreakages.TokenRejected, url);
        }
        else if (!response.IsSuccess || string.IsNullOrEmpty(token))
        {
            run.Add(id, title, CheckOutcome.Fail, $"no OpenID token ({response.Describe()})", KnownBreakages.OpenIdFailed, url);
        }
        else
        {
            run.Http.Redactor.Add(token);
            run.OpenIdToken = token;
            run.Add(id, title, CheckOutcome.Pass, $"issued for {user}, expires in {response.JsonObject()?["expires_in"]?.ToString() ?? "?"} s", url: url);
        }

        if (run.OpenIdToken is null)
        {
            run.Add(infoId, infoTitle, CheckOutcome.Skip, "no OpenID token");
            return;
        }

        var userServer = user[(user.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!userServer.Equals(run.Options.ServerName, StringComparison.OrdinalIgnoreCase))
        {
            run.Add(infoId, infoTitle, CheckOutcome.Skip, $"{user} lives on {userServer}, not on the checked server");
            return;
        }

        var infoUrl = run.Under(run.FederationBase, $"/_matrix/federation/v1/openid/userinfo?access_token={Uri.EscapeDataString(run.OpenIdToken)}");
        var info = await run.Http.GetAsync(infoUrl, cancellationToken: ct);
        var sub = info.JsonObject()?["sub"]?.ToString();
        if (info.IsSuccess && sub == user)
        {
            run.Add(infoId, infoTitle, CheckOutcome.Pass, $"federation confirms the token belongs to {sub}", url: infoUrl);
        }
        else
        {
            var seen = info.IsSuccess ? $"answered sub '{sub}'" : info.Describe();
            run.Add(infoId, infoTitle, CheckOutcome.Fail, $"the auth service's own lookup fails: {seen}", KnownBreakages.UserInfoFailed, infoUrl);
        }
    }

    private static async Task CheckTurnAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "turn.hs", title = "TURN servers";
        if (run.Options.AccessToken is null)
        {
            run.Add(id, title, CheckOutcome.Skip, NeedsCredentials);
            return;
        }

        var url = run.Under(run.ClientBase, "/_matrix/client/v3/voip/turnServer");
        var response = await run.Http.GetAsync(url, run.Options.AccessToken, ct);
        var uris = (response.JsonObject()?["uris"] as JsonArray ?? []).Select(u => u?.ToString()).OfType<string>().ToList();
        var finding = response switch
        {
            { Error: { } error } => $"not answered: {error}",
            { IsSuccess: false } => $"not answered: {response.Describe()}",
            _ when uris.Count == 0 => "homeserver offers no TURN server: media needs a direct UDP/TCP path to LiveKit (LiveKit's own TURN is separate)",
            _ => $"homeserver offers {string.Join(", ", uris)} (ttl {response.JsonObject()?["ttl"]?.ToString() ?? "?"} s)",
        };
        run.Add(id, title, CheckOutcome.Info, finding, url: url);
    }

    private static bool Flag(JsonObject? features, string name) =>
        features?[name] is JsonValue value && value.TryGetValue<bool>(out var on) && on;

    private static string Normalise(Uri url) => url.ToString().TrimEnd('/').ToLowerInvariant();
}
