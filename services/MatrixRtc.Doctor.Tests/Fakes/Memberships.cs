using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>Call membership contents of each generation, shaped as the clients of that era sent them.</summary>
public static class Memberships
{
    public const string StateType = "org.matrix.msc3401.call.member";

    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    /// <summary>Gen 1: MSC3401 full mesh under the user's own ID.</summary>
    public static JsonObject Mesh(string deviceId, DateTimeOffset expiresAt) => new()
    {
        ["m.calls"] = new JsonArray(new JsonObject
        {
            ["m.call_id"] = "call1",
            ["m.devices"] = new JsonArray(new JsonObject
            {
                ["device_id"] = deviceId,
                ["session_id"] = "session1",
                ["expires_ts"] = Ms(expiresAt),
                ["feeds"] = new JsonArray(),
            }),
        }),
    };

    /// <summary>Gen 2: legacy memberships array.</summary>
    public static JsonObject LegacyArray(string deviceId, DateTimeOffset created, TimeSpan expires) => new()
    {
        ["memberships"] = new JsonArray(new JsonObject
        {
            ["application"] = "m.call",
            ["call_id"] = "",
            ["scope"] = "m.room",
            ["device_id"] = deviceId,
            ["membershipID"] = "legacy-1",
            ["expires"] = (long)expires.TotalMilliseconds,
            ["created_ts"] = Ms(created),
            ["foci_active"] = new JsonArray(new JsonObject { ["type"] = "livekit", ["livekit_service_url"] = "https://rtc.lab.test/livekit/jwt", ["livekit_alias"] = "!room" }),
        }),
    };

    /// <summary>Gen 3/4: per-device session content as js-sdk's MembershipManager builds it.</summary>
    public static JsonObject Session(string userId, string deviceId, TimeSpan? expires = null, DateTimeOffset? created = null)
    {
        var content = new JsonObject
        {
            ["application"] = "m.call",
            ["call_id"] = "",
            ["scope"] = "m.room",
            ["device_id"] = deviceId,
            ["membershipID"] = $"{userId}:{deviceId}",
            ["expires"] = (long)(expires ?? TimeSpan.FromHours(4)).TotalMilliseconds,
            ["m.call.intent"] = "video",
            ["focus_active"] = new JsonObject { ["type"] = "livekit", ["focus_selection"] = "multi_sfu" },
            ["foci_preferred"] = new JsonArray(new JsonObject { ["type"] = "livekit", ["livekit_service_url"] = "https://rtc.lab.test/livekit/jwt", ["livekit_alias"] = "!room" }),
        };
        if (created is { } c)
        {
            content["created_ts"] = Ms(c);
        }

        return content;
    }

    /// <summary>Gen 5: sticky m.rtc.member content.</summary>
    public static JsonObject Sticky(string userId, string deviceId, string memberId) => new()
    {
        ["slot_id"] = "m.call#ROOM",
        ["application"] = new JsonObject { ["type"] = "m.call", ["m.call.intent"] = "video" },
        ["member"] = new JsonObject { ["user_id"] = userId, ["device_id"] = deviceId, ["id"] = memberId },
        ["rtc_transports"] = new JsonArray(new JsonObject { ["type"] = "livekit", ["livekit_service_url"] = "https://rtc.lab.test/livekit/jwt" }),
        ["versions"] = new JsonArray(),
        ["msc4354_sticky_key"] = memberId,
    };

    public static string Gen3Key(string userId, string deviceId) => $"_{userId}_{deviceId}";

    public static string Gen4Key(string userId, string deviceId) => $"_{userId}_{deviceId}_m.call";
}
