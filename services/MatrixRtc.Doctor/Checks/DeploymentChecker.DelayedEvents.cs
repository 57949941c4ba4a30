using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Checks;

// MSC4140 live: schedule a delayed event, find it in the list, cancel it. This is what Element Call's
// dead man's switch does on every join; an advertised flag alone does not prove it works.
public sealed partial class DeploymentChecker
{
    private const string DelayedEventsPrefix = "/_matrix/client/unstable/org.matrix.msc4140/delayed_events";

    private static async Task CheckDelayedEventRoundTripAsync(CheckRun run, CancellationToken ct)
    {
        const string id = "cs.delayed_events.live", title = "Delayed event round trip";
        if (run.Options.AccessToken is not { } token || run.Options.RoomId is not { } room)
        {
            run.Add(id, title, CheckOutcome.Skip, "needs --user, --token and --room (a room the user has joined)");
            return;
        }

        // A custom event type nobody renders; if the cancel were lost it would appear after 60 s and mean nothing.
        var txn = $"rtc-doctor-{Guid.NewGuid():N}";
        var url = run.Under(run.ClientBase, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/send/org.matrix.rtc_doctor.probe/{txn}?org.matrix.msc4140.delay=60000");
        var scheduled = await run.Http.SendAsync(HttpMethod.Put, url, token, new JsonObject { ["body"] = "rtc-doctor delayed event probe" }, ct);
        var delayId = scheduled.JsonObject()?["delay_id"]?.ToString();
        if (!scheduled.IsSuccess || delayId is null)
        {
            var error = scheduled.JsonObject()?["error"]?.ToString();
            var detail = error is null ? scheduled.Describe() : $"{scheduled.Describe()} \"{error}\"";
            var notJoined = scheduled.StatusCode == 403 && error?.Contains("not in room", StringComparison.OrdinalIgnoreCase) == true;
            run.Add(id, title, CheckOutcome.Fail, $"scheduling a delayed event failed: {detail}",
                notJoined ? "Join the --room first (or pass a room the user is in)" : KnownBreakages.DelayedEventsOff, url);
            return;
        }

        var list = await run.Http.GetAsync(run.Under(run.ClientBase, DelayedEventsPrefix), token, ct);
        var listed = (list.JsonObject()?["delayed_events"] as JsonArray ?? []).Any(e => e is JsonObject listedEvent && listedEvent["delay_id"] is JsonValue v && v.TryGetValue<string>(out var listedId) && listedId == delayId);

        var cancelUrl = run.Under(run.ClientBase, $"{DelayedEventsPrefix}/{Uri.EscapeDataString(delayId)}/cancel");
        var cancelled = await run.Http.SendAsync(HttpMethod.Post, cancelUrl, token, new JsonObject(), ct);
        if (cancelled.ErrCode == "M_UNRECOGNIZED")
        {
            // Servers before the per-action endpoints take the action in the body.
            cancelUrl = run.Under(run.ClientBase, $"{DelayedEventsPrefix}/{Uri.EscapeDataString(delayId)}");
            cancelled = await run.Http.SendAsync(HttpMethod.Post, cancelUrl, token, new JsonObject { ["action"] = "cancel" }, ct);
        }

        if (!cancelled.IsSuccess)
        {
            run.Add(id, title, CheckOutcome.Fail, $"scheduled, but cancelling it failed: {cancelled.Describe()} (clients cannot end or refresh their delayed leave)",
                "Check rc_delayed_event_mgmt and that /_matrix/client/unstable/org.matrix.msc4140/* reaches Synapse", cancelUrl);
        }
        else if (!listed)
        {
            run.Add(id, title, CheckOutcome.Warn, $"scheduled and cancelled, but the list did not show it ({list.Describe()})",
                "Route GET /_matrix/client/unstable/org.matrix.msc4140/delayed_events to Synapse", list.Url);
        }
        else
        {
            run.Add(id, title, CheckOutcome.Pass, "a 60 s delayed event was scheduled, listed and cancelled", url: url);
        }
    }
}
