using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Unstick;

/// <summary>The parts of <c>m.room.power_levels</c> that decide who may write a state event (Matrix defaults when absent).</summary>
internal sealed record PowerLevels(JsonObject? Content)
{
    public long UserLevel(string userId) =>
        Number((Content?["users"] as JsonObject)?[userId]) ?? Number(Content?["users_default"]) ?? 0;

    public long StateEventLevel(string eventType) =>
        Number((Content?["events"] as JsonObject)?[eventType]) ?? Number(Content?["state_default"]) ?? (Content is null ? 0 : 50);

    private static long? Number(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<long>(out var n) ? n : v.TryGetValue<string>(out var s) && long.TryParse(s, out var p) ? p : null
        : null;
}
