using System.Text.Json.Nodes;
using MatrixRtc.Doctor.LiveKit;

namespace MatrixRtc.Doctor.Checks;

// The MatrixRTC Authorization Service (lk-jwt-service): health, routing, CORS, token exchange.
public sealed partial class DeploymentChecker
{
    private const string DoctorDevice = "RTCDOCTOR";

    private static async Task CheckAuthServiceAsync(CheckRun run, CancellationToken ct)
    {
        run.AuthService = run.Options.AuthServiceUrl ?? run.Transports?.FirstOrDefault() ?? run.RtcFoci.FirstOrDefault();
        if (run.AuthService is not { } service)
        {
            const string none = "no auth service known (no rtc transports, no rtc_foci, no --auth-service-url)";
            foreach (var (id, title) in new[] { ("jwt.health", "Auth service health"), ("jwt.route", "Auth service routing"), ("jwt.cors", "Auth service CORS"), ("jwt.token", "LiveKit token exchange (/get_token)"), ("jwt.token.legacy", "Legacy token exchange (/sfu/get)") })
            {
                run.Add(id, title, CheckOutcome.Skip, none);
            }

            return;
        }

        var health = run.Under(service, "/healthz");
        var response = await run.Http.GetAsync(health, cancellationToken: ct);
        if (response.IsSuccess)
        {
            run.Add("jwt.health", "Auth service health", CheckOutcome.Pass, $"{service} is healthy", url: health);
        }
        else
        {
            run.Add("jwt.health", "Auth service health", response.StatusCode == 404 ? CheckOutcome.Warn : CheckOutcome.Fail,
                $"/healthz: {response.Describe()}", KnownBreakages.AuthServiceUnhealthy, health);
        }

        var getToken = await run.Http.GetAsync(run.Under(service, "/get_token"), cancellationToken: ct);
        var sfuGet = await run.Http.GetAsync(run.Under(service, "/sfu/get"), cancellationToken: ct);
        if (getToken.StatusCode == 405 && sfuGet.StatusCode == 405)
        {
            run.Add("jwt.route", "Auth service routing", CheckOutcome.Pass, "GET /get_token and /sfu/get answer 405 (they only take POST)", url: getToken.Url);
        }
        else if (getToken.StatusCode == 405)
        {
            run.Add("jwt.route", "Auth service routing", CheckOutcome.Warn, $"/get_token is routed, legacy /sfu/get is not ({sfuGet.Describe()}); Element Call's legacy mode needs it",
                KnownBreakages.AuthServiceMisrouted, sfuGet.Url);
        }
        else
        {
            run.Add("jwt.route", "Auth service routing", CheckOutcome.Fail, $"GET /get_token answered {getToken.Describe()} instead of 405",
                KnownBreakages.AuthServiceMisrouted, getToken.Url);
        }

        var preflight = await run.Http.SendAsync(HttpMethod.Options, run.Under(service, "/get_token"), null, null, ct);
        if (preflight.IsSuccess && preflight.Header("Access-Control-Allow-Origin") == "*")
        {
            run.Add("jwt.cors", "Auth service CORS", CheckOutcome.Pass, "preflight allows any origin", url: preflight.Url);
        }
        else
        {
            var seen = preflight.IsSuccess ? $"Access-Control-Allow-Origin '{preflight.Header("Access-Control-Allow-Origin") ?? "(none)"}'" : preflight.Describe();
            run.Add("jwt.cors", "Auth service CORS", CheckOutcome.Fail, $"OPTIONS /get_token: {seen}", KnownBreakages.AuthServiceCors, preflight.Url);
        }

        await CheckTokenExchangeAsync(run, service, ct);
    }

    private static async Task CheckTokenExchangeAsync(CheckRun run, Uri service, CancellationToken ct)
    {
        if (run.OpenIdToken is null || run.UserId is not { } user)
        {
            var reason = run.Options.AccessToken is null ? NeedsCredentials : "no OpenID token";
            run.Add("jwt.token", "LiveKit token exchange (/get_token)", CheckOutcome.Skip, reason);
            run.Add("jwt.token.legacy", "Legacy token exchange (/sfu/get)", CheckOutcome.Skip, reason);
            return;
        }

        var room = run.Options.RoomId ?? $"!rtc-doctor-{Guid.NewGuid():N}:{run.Options.ServerName}";
        var userServer = user[(user.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var openId = new JsonObject
        {
            ["access_token"] = run.OpenIdToken,
            ["token_type"] = "Bearer",
            ["matrix_server_name"] = userServer,
            ["expires_in"] = 3600,
        };

        // MSC4195, what Element Call's compatibility and matrix_2_0 modes call.
        await ExchangeAsync(run, "jwt.token", "LiveKit token exchange (/get_token)", run.Under(service, "/get_token"), new JsonObject
        {
            ["room_id"] = room,
            ["slot_id"] = LiveKitNames.RoomSlot,
            ["openid_token"] = openId.DeepClone(),
            ["member"] = new JsonObject { ["id"] = $"rtc-doctor-{Guid.NewGuid():N}", ["claimed_user_id"] = user, ["claimed_device_id"] = DoctorDevice },
        }, notFound: CheckOutcome.Fail, ct);

        // The deprecated endpoint Element Call's legacy mode (and testmatrix) still call.
        await ExchangeAsync(run, "jwt.token.legacy", "Legacy token exchange (/sfu/get)", run.Under(service, "/sfu/get"), new JsonObject
        {
            ["room"] = room,
            ["openid_token"] = openId.DeepClone(),
            ["device_id"] = DoctorDevice,
        }, notFound: CheckOutcome.Warn, ct);
    }

    private static async Task ExchangeAsync(CheckRun run, string id, string title, Uri url, JsonObject request, CheckOutcome notFound, CancellationToken ct)
    {
        var response = await run.Http.SendAsync(HttpMethod.Post, url, null, request, ct);
        var body = response.JsonObject();
        var jwt = body?["jwt"]?.ToString();
        var livekitUrl = body?["url"]?.ToString();
        if (!response.IsSuccess || jwt is null || livekitUrl is null)
        {
            var error = body?["error"]?.ToString();
            var detail = error is null ? response.Describe() : $"{response.Describe()} \"{error}\"";
            var fix = response.StatusCode switch
            {
                401 => KnownBreakages.UserInfoFailed,
                500 or 502 or 503 => KnownBreakages.CreateRoomFailed,
                _ => KnownBreakages.AuthServiceMisrouted,
            };
            run.Add(id, title, response.StatusCode == 404 ? notFound : CheckOutcome.Fail, $"POST {url.AbsolutePath}: {detail}", fix, url);
            return;
        }

        run.Http.Redactor.Add(jwt);
        var claims = LiveKitJwt.TryDecode(jwt);
        if (claims is null || !claims.RoomJoin || claims.Room is null)
        {
            run.Add(id, title, CheckOutcome.Fail, "the returned token is not a LiveKit join token (no video.roomJoin/room claim)", KnownBreakages.CreateRoomFailed, url);
            return;
        }

        if (!Uri.TryCreate(livekitUrl, UriKind.Absolute, out var signalling) || signalling.Scheme is not ("wss" or "ws" or "https" or "http"))
        {
            run.Add(id, title, CheckOutcome.Fail, $"returned LiveKit url '{livekitUrl}' is not a ws(s):// URL", "Set LIVEKIT_URL of the auth service to the wss:// URL browsers use", url);
            return;
        }

        if (run.LiveKitJwt is null)
        {
            run.LiveKitJwt = jwt;
            run.LiveKitSignallingUrl = signalling;
            run.LiveKitRoomName = claims.Room;
        }

        var lifetime = claims.Expires is { } exp && claims.NotBefore is { } nbf ? $", valid {(exp - nbf).TotalMinutes:0} min" : "";
        var insecure = signalling.Scheme == "ws" && !IsLocal(signalling) ? " (ws:// on a non-local host: browsers on https block it)" : "";
        var sameRoom = run.LiveKitRoomName is { } first && first != claims.Room ? $" (differs from /get_token's {first}: legacy and current clients would not meet)" : "";
        var outcome = insecure.Length > 0 || sameRoom.Length > 0 ? CheckOutcome.Warn : CheckOutcome.Pass;
        run.Add(id, title, outcome, $"token for LiveKit room {claims.Room}{sameRoom} at {signalling}{lifetime}{insecure}",
            insecure.Length > 0 ? "Serve LiveKit behind TLS (wss://)" : "Upgrade the auth service: since lk-jwt-service 0.4.1 both endpoints name the room alike", url);
    }
}
