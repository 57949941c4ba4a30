using System.Text.Json.Nodes;
using MatrixRtc.Doctor.LiveKit;

namespace MatrixRtc.Doctor.Checks;

// LiveKit itself: reachability, acceptance of the issued token, auto_create, the server API.
// /rtc/validate runs LiveKit's full join validation (token signature, roomJoin grant, room existence
// when auto_create is off) without joining, so it proves reachability without side effects.
public sealed partial class DeploymentChecker
{
    private static async Task CheckLiveKitAsync(CheckRun run, CancellationToken ct)
    {
        var httpBase = run.Options.LiveKitUrl is { } given
            ? LiveKitRoomService.HttpBaseOf(given)
            : run.LiveKitSignallingUrl is { } signalling ? LiveKitRoomService.HttpBaseOf(signalling) : null;
        if (httpBase is null)
        {
            const string reason = "LiveKit URL unknown (no token from the auth service, no --livekit-url)";
            run.Add("lk.health", "LiveKit reachable", CheckOutcome.Skip, reason);
            run.Add("lk.validate", "LiveKit accepts the issued token", CheckOutcome.Skip, reason);
            run.Add("lk.auto_create", "LiveKit auto_create closed", CheckOutcome.Skip, reason);
            return;
        }

        var root = await run.Http.GetAsync(httpBase, cancellationToken: ct);
        if (root.IsSuccess)
        {
            run.Add("lk.health", "LiveKit reachable", CheckOutcome.Pass, $"{httpBase} answers {root.Body.Trim()}", url: httpBase);
        }
        else
        {
            var finding = root.StatusCode == 406 ? "LiveKit answers 406 Not Ready (node stats stale: overloaded or stuck)" : $"{httpBase}: {root.Describe()}";
            run.Add("lk.health", "LiveKit reachable", CheckOutcome.Fail, finding, KnownBreakages.LiveKitUnreachable, httpBase);
        }

        await CheckValidateAsync(run, httpBase, ct);
        await CheckAutoCreateAsync(run, httpBase, ct);
        await CheckLiveKitApiAsync(run, httpBase, ct);
    }

    private static async Task CheckValidateAsync(CheckRun run, Uri httpBase, CancellationToken ct)
    {
        const string id = "lk.validate", title = "LiveKit accepts the issued token";
        var validate = run.Under(httpBase, "/rtc/validate");
        var anonymous = await run.Http.GetAsync(validate, cancellationToken: ct);
        if (anonymous.Error is not null || anonymous.StatusCode is not (401 or 403))
        {
            run.Add(id, title, CheckOutcome.Fail, $"/rtc/validate without a token answered {anonymous.Describe()} instead of 401: this URL does not reach LiveKit",
                KnownBreakages.LiveKitUnreachable, validate);
            return;
        }

        if (run.LiveKitJwt is null)
        {
            run.Add(id, title, CheckOutcome.Skip, "no token from the auth service (LiveKit itself answers /rtc/validate)");
            return;
        }

        var withToken = run.Under(httpBase, $"/rtc/validate?access_token={Uri.EscapeDataString(run.LiveKitJwt)}");
        var response = await run.Http.GetAsync(withToken, cancellationToken: ct);
        run.ValidateWithIssuedToken = response.StatusCode;
        switch (response.StatusCode)
        {
            case 200:
                run.Add(id, title, CheckOutcome.Pass, $"token accepted; room {run.LiveKitRoomName} exists", url: withToken);
                break;
            case 401:
                run.Add(id, title, CheckOutcome.Fail, $"LiveKit refused the token ({response.Body.Trim()})", KnownBreakages.LiveKitKeyMismatch, withToken);
                break;
            case 404:
                run.Add(id, title, CheckOutcome.Warn, "token accepted but the room does not exist: the user is restricted and nobody started this call",
                    KnownBreakages.RestrictedUser, withToken);
                break;
            default:
                run.Add(id, title, CheckOutcome.Fail, $"/rtc/validate answered {response.Describe()} {response.Body.Trim()}", KnownBreakages.LiveKitUnreachable, withToken);
                break;
        }
    }

    private static async Task CheckAutoCreateAsync(CheckRun run, Uri httpBase, CancellationToken ct)
    {
        const string id = "lk.auto_create", title = "LiveKit auto_create closed";
        if (run.Options.LiveKitKey is not { } key || run.Options.LiveKitSecret is not { } secret)
        {
            if (run.ValidateWithIssuedToken == 404)
            {
                run.Add(id, title, CheckOutcome.Pass, "a restricted token for a room nobody created was refused (404)");
            }
            else
            {
                run.Add(id, title, CheckOutcome.Skip, "inconclusive without --livekit-key/--livekit-secret (the issued token's room may have been created by the auth service)");
            }

            return;
        }

        // A join token exactly like a restricted user's (roomJoin, no roomCreate) for a room nobody created.
        var probeRoom = $"rtc-doctor-probe-{Guid.NewGuid():N}";
        var token = new LiveKitAccessToken(key, secret, run.Time).Mint(
            new JsonObject { ["roomJoin"] = true, ["room"] = probeRoom, ["canPublish"] = false, ["canSubscribe"] = false },
            identity: "rtc-doctor-probe");
        run.Http.Redactor.Add(token);
        var url = run.Under(httpBase, $"/rtc/validate?access_token={Uri.EscapeDataString(token)}");
        var response = await run.Http.GetAsync(url, cancellationToken: ct);
        switch (response.StatusCode)
        {
            case 404:
                run.Add(id, title, CheckOutcome.Pass, "a join token for a room nobody created is refused (404 requested room does not exist)", url: url);
                break;
            case 200:
                run.Add(id, title, CheckOutcome.Fail, "auto_create is on: a join token without roomCreate for a new room is accepted, so restricted users can create rooms",
                    KnownBreakages.AutoCreateOpen, url);
                break;
            case 401:
                run.Add(id, title, CheckOutcome.Fail, "LiveKit refused a token signed with the given --livekit-key/--livekit-secret", "Pass the API key and secret from LiveKit's 'keys'", url);
                break;
            default:
                run.Add(id, title, CheckOutcome.Fail, $"/rtc/validate answered {response.Describe()}", KnownBreakages.LiveKitUnreachable, url);
                break;
        }
    }

    private static async Task CheckLiveKitApiAsync(CheckRun run, Uri httpBase, CancellationToken ct)
    {
        const string id = "lk.api", title = "LiveKit server API";
        if (run.Options.LiveKitKey is not { } key || run.Options.LiveKitSecret is not { } secret)
        {
            run.Add(id, title, CheckOutcome.Skip, "needs --livekit-key and --livekit-secret");
            return;
        }

        var service = new LiveKitRoomService(run.Http, httpBase, new LiveKitAccessToken(key, secret, run.Time));
        try
        {
            var rooms = await service.ListRoomsAsync(null, ct);
            var test = run.LiveKitRoomName is { } name
                ? rooms.Any(r => r.Name == name) ? "; the doctor's test room exists (the auth service created it)" : "; the doctor's test room does not exist"
                : "";
            run.Add(id, title, CheckOutcome.Pass, $"RoomService answers: {rooms.Count} room(s){test}", url: run.Under(httpBase, "/twirp/livekit.RoomService/ListRooms"));
        }
        catch (LiveKitApiException e)
        {
            run.Add(id, title, CheckOutcome.Fail, e.Message, KnownBreakages.LiveKitKeyMismatch, run.Under(httpBase, "/twirp/livekit.RoomService/ListRooms"));
        }
    }
}
