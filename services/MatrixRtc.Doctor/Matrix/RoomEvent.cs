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
            || e["type"]?.ToString() is not { } type
            || e["sender"]?.ToString() is not { } sender)
        {
            return null;
        }

        var ts = e["origin_server_ts"] is JsonValue v && v.TryGetValue<long>(out var t) ? t : 0;
        return new RoomEvent(type, e["state_key"]?.ToString(), sender, e["event_id"]?.ToString() ?? "", ts,
            e["content"] as JsonObject ?? [])
        {
            StickyDurationMs = e["msc4354_sticky"]?["duration_ms"] is JsonValue d && d.TryGetValue<long>(out var ms) ? ms : null,
        };
    }

    /// <summary>MSC4354 stickiness the server applied (<c>msc4354_sticky.duration_ms</c>), if any.</summary>
    public long? StickyDurationMs { get; init; }

    public DateTimeOffset OriginServerTime => DateTimeOffset.FromUnixTimeMilliseconds(OriginServerTs);
}
