using System.Text.Json.Nodes;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Matrix;

namespace MatrixRtc.Doctor.Memberships;

/// <summary>
/// Classifies call membership events of all five generations the way the js-sdk (and, for the legacy
/// formats, the old clients) would.
/// </summary>
public static class MembershipClassifier
{
    public const string StateEventType = "org.matrix.msc3401.call.member";
    public const string StickyEventType = "m.rtc.member";

    /// <summary>js-sdk's default <c>expires</c> for session memberships (4 h).</summary>
    public static readonly TimeSpan SessionDefaultExpiry = TimeSpan.FromHours(4);

    /// <summary>Old js-sdk's default for legacy array entries (1 h).</summary>
    public static readonly TimeSpan LegacyDefaultExpiry = TimeSpan.FromHours(1);

    /// <summary>Server-side cap of stickiness (MSC4354).</summary>
    public static readonly TimeSpan MaxStickyDuration = TimeSpan.FromHours(1);

    private static readonly HashSet<string> LeaveOnlyKeys = ["msc4354_sticky_key", "sticky_key", "leave_reason"];

    /// <param name="joined">User IDs whose room membership is <c>join</c>.</param>
    public static CallMembership Classify(RoomEvent e, IReadOnlySet<string> joined, DateTimeOffset now) =>
        e.Type == StickyEventType ? ClassifySticky(e, joined, now) : ClassifyState(e, joined, now);

    private static CallMembership ClassifyState(RoomEvent e, IReadOnlySet<string> joined, DateTimeOffset now)
    {
        var content = e.Content;
        var stateKey = e.StateKey ?? "";
        var keyGeneration = stateKey.StartsWith('@') && !stateKey.Contains("_", StringComparison.Ordinal) ? MembershipGeneration.LegacyArray
            : stateKey.EndsWith("_m.call", StringComparison.Ordinal) ? MembershipGeneration.SessionWithSlot
            : MembershipGeneration.Session;

        if (content.All(p => LeaveOnlyKeys.Contains(p.Key)))
        {
            return Make(e, keyGeneration, MembershipClass.Empty, null, null, "left");
        }

        if (content["m.calls"] is JsonArray calls)
        {
            var expiries = calls.OfType<JsonObject>()
                .SelectMany(c => c["m.devices"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(d => Millis(d["expires_ts"]))
                .OfType<long>()
                .Select(DateTimeOffset.FromUnixTimeMilliseconds)
                .ToList();
            return LegacyResult(e, MembershipGeneration.Mesh, expiries, now, "MSC3401 full-mesh devices");
        }

        if (content["memberships"] is JsonArray memberships)
        {
            var entries = memberships.OfType<JsonObject>().ToList();
            if (entries.Count == 0)
            {
                return Make(e, MembershipGeneration.LegacyArray, MembershipClass.Empty, null, null, "empty memberships array");
            }

            var expiries = entries.Select(m => Millis(m["expires_ts"]) is { } absolute
                    ? DateTimeOffset.FromUnixTimeMilliseconds(absolute)
                    : DateTimeOffset.FromUnixTimeMilliseconds(Millis(m["created_ts"]) ?? e.OriginServerTs)
                      + (Millis(m["expires"]) is { } relative ? TimeSpan.FromMilliseconds(relative) : LegacyDefaultExpiry))
                .ToList();
            var device = Text(entries[0]["device_id"]);
            var legacySlot = Text(entries[0]["application"]) is { } app && Text(entries[0]["call_id"]) is { } legacyCall ? SlotOf(app, legacyCall) : null;
            return LegacyResult(e, MembershipGeneration.LegacyArray, expiries, now, $"legacy array, {entries.Count} device(s)") with
            {
                DeviceId = device,
                Slot = legacySlot,
                TransportUrl = ServiceUrlOf((entries[0]["foci_active"] as JsonArray)?.FirstOrDefault()),
            };
        }

        if (content["application"] is null || content.Count < 2)
        {
            return Make(e, keyGeneration, MembershipClass.Invalid, null, null, "neither a session nor a legacy membership");
        }

        var deviceId = Text(content["device_id"]);
        var problem = deviceId is null ? "device_id missing"
            : Text(content["call_id"]) is null ? "call_id missing"
            : Text(content["application"]) is null ? "application is not a string"
            : content["focus_active"] is JsonObject focus && Text(focus["type"]) is null ? "focus_active.type missing"
            : content["created_ts"] is { } created && Millis(created) is null ? "created_ts is not a number"
            : null;
        var identity = deviceId is null ? null : LiveKitNames.LegacyIdentity(e.Sender, deviceId);
        if (problem is not null)
        {
            return Make(e, keyGeneration, MembershipClass.Invalid, null, null, $"invalid session: {problem}") with { DeviceId = deviceId };
        }

        var start = Millis(content["created_ts"]) ?? e.OriginServerTs;
        var expires = Millis(content["expires"]) is { } ms ? TimeSpan.FromMilliseconds(ms) : SessionDefaultExpiry;
        var expiry = DateTimeOffset.FromUnixTimeMilliseconds(start) + expires;
        var slot = SlotOf(Text(content["application"])!, Text(content["call_id"])!);
        var description = $"session in {slot}, expires {expiry:yyyy-MM-dd HH:mm:ss}Z";
        var cls = now >= expiry ? MembershipClass.Expired
            : !joined.Contains(e.Sender) ? MembershipClass.Orphaned
            : MembershipClass.Active;
        return Make(e, keyGeneration, cls, expiry, identity, description) with
        {
            DeviceId = deviceId,
            Slot = slot,
            TransportUrl = ServiceUrlOf(content["focus_active"]) ?? ServiceUrlOf((content["foci_preferred"] as JsonArray)?.FirstOrDefault()),
        };
    }

    private static CallMembership ClassifySticky(RoomEvent e, IReadOnlySet<string> joined, DateTimeOffset now)
    {
        var content = e.Content;
        var duration = e.StickyDurationMs is { } d ? TimeSpan.FromMilliseconds(d) : MaxStickyDuration;
        var stickyUntil = e.OriginServerTime + (duration < MaxStickyDuration ? duration : MaxStickyDuration);
        if (content.All(p => LeaveOnlyKeys.Contains(p.Key)))
        {
            return Make(e, MembershipGeneration.Sticky, MembershipClass.Empty, stickyUntil, null, "left");
        }

        var member = content["member"] as JsonObject;
        var user = Text(member?["user_id"]);
        var device = Text(member?["device_id"]);
        var memberId = Text(member?["id"]);
        var slot = Text(content["slot_id"]);
        var application = Text((content["application"] as JsonObject)?["type"]);
        if (user != e.Sender || device is null || memberId is null || slot is null || application is null || !slot.StartsWith(application + "#", StringComparison.Ordinal))
        {
            return Make(e, MembershipGeneration.Sticky, MembershipClass.Invalid, stickyUntil, null, "invalid m.rtc.member (member.user_id must be the sender; slot_id must start with the application type)") with { DeviceId = device };
        }

        var cls = now >= stickyUntil ? MembershipClass.Expired
            : !joined.Contains(e.Sender) ? MembershipClass.Orphaned
            : MembershipClass.Active;
        return Make(e, MembershipGeneration.Sticky, cls, stickyUntil, LiveKitNames.HashedIdentity(user, device, memberId),
            $"sticky member in {slot}, sticky until {stickyUntil:yyyy-MM-dd HH:mm:ss}Z") with
            {
                DeviceId = device,
                Slot = slot,
                TransportUrl = ServiceUrlOf((content["rtc_transports"] as JsonArray)?.FirstOrDefault()),
            };
    }

    private static CallMembership LegacyResult(RoomEvent e, MembershipGeneration generation, List<DateTimeOffset> expiries, DateTimeOffset now, string detail)
    {
        if (expiries.Count == 0)
        {
            return Make(e, generation, MembershipClass.Empty, null, null, $"{detail}: no devices");
        }

        var latest = expiries.Max();
        return Make(e, generation, latest > now ? MembershipClass.LegacyActive : MembershipClass.LegacyExpired, latest, null,
            $"{detail}, newest expiry {latest:yyyy-MM-dd HH:mm:ss}Z");
    }

    private static CallMembership Make(RoomEvent e, MembershipGeneration generation, MembershipClass cls, DateTimeOffset? expiry, string? identity, string detail) =>
        new(e.Type, e.StateKey, e.EventId, e.Sender, null, generation, cls, e.OriginServerTime, expiry, detail, identity);

    /// <summary><c>application#call_id</c>; the room call's empty <c>call_id</c> is <c>ROOM</c> (js-sdk).</summary>
    private static string SlotOf(string application, string callId) => $"{application}#{(callId.Length == 0 ? "ROOM" : callId)}";

    private static string? ServiceUrlOf(JsonNode? focus) => Text((focus as JsonObject)?["livekit_service_url"]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Millis(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<long>(out var n) ? n : v.TryGetValue<double>(out var d) ? (long)d : null
        : null;
}
