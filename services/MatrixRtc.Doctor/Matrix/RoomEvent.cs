using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Matrix;

/// <summary>A room event as the Client-Server API returns it (state events have a <see cref="StateKey"/>).</summary>
public sealed record RoomEvent(
    string Type,
    string? StateKey,
    string Sender,
    string EventId,
    long OriginServerTs,
    JsonObject Content)
{
    /// <summary>Parses one event object; null when required fields are missing.</summary>
    public static RoomEvent? From(JsonNode? node)
    {
        if (node is not JsonObject e
            || Text(e["type"]) is not { } type
            || Text(e["sender"]) is not { } sender)
        {
            return null;
        }

        var ts = e["origin_server_ts"] is JsonValue v && v.TryGetValue<long>(out var t) ? t : 0;
        return new RoomEvent(type, Text(e["state_key"]), sender, Text(e["event_id"]) ?? "", ts,
            e["content"] as JsonObject ?? [])
        {
            StickyDurationMs = (e["msc4354_sticky"] as JsonObject)?["duration_ms"] is JsonValue d && d.TryGetValue<long>(out var ms) ? ms : null,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>MSC4354 stickiness the server applied (<c>msc4354_sticky.duration_ms</c>), if any.</summary>
    public long? StickyDurationMs { get; init; }

    public DateTimeOffset OriginServerTime => DateTimeOffset.FromUnixTimeMilliseconds(OriginServerTs);
}
