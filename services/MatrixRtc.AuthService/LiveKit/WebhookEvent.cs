using System.Text.Json;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// The parts of a LiveKit WebhookEvent (protobuf JSON: camelCase or snake_case names, enums by
/// name or number, unknown fields ignored) that drive delegated leave.
/// </summary>
public sealed record WebhookEvent(string Event, string? RoomName, string? ParticipantIdentity, string? DisconnectReason)
{
    private const int ClientInitiated = 1;

    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static WebhookEvent Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var json = JsonDocument.ParseValue(ref reader);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a webhook event is a JSON object");
        }

        var room = Field(root, "room", "room");
        var participant = Field(root, "participant", "participant");
        return new WebhookEvent(
            StringField(root, "event", "event") ?? "",
            room is { ValueKind: JsonValueKind.Object } r ? StringField(r, "name", "name") : null,
            participant is { ValueKind: JsonValueKind.Object } p ? StringField(p, "identity", "identity") : null,
            participant is { ValueKind: JsonValueKind.Object } q ? EnumField(q, "disconnectReason", "disconnect_reason") : null);
    }

    /// <summary>What the event means for a delegated job, or null when it is irrelevant or incomplete.</summary>
    public ParticipantEvent? ToParticipantEvent()
    {
        if (RoomName is null || ParticipantIdentity is null)
        {
            return null;
        }

        return Event switch
        {
            "participant_joined" => ParticipantEvent.Connected,
            "participant_left" or "participant_connection_aborted" => DisconnectReason is "CLIENT_INITIATED"
                ? ParticipantEvent.DisconnectedIntentionally
                : ParticipantEvent.ConnectionAborted,
            _ => null,
        };
    }

    private static JsonElement? Field(JsonElement obj, string camel, string snake) =>
        obj.TryGetProperty(camel, out var value) || obj.TryGetProperty(snake, out value) ? value : null;

    private static string? StringField(JsonElement obj, string camel, string snake) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string? EnumField(JsonElement obj, string camel, string snake) => Field(obj, camel, snake) switch
    {
        { ValueKind: JsonValueKind.String } name => name.GetString(),
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var n) =>
            n == ClientInitiated ? "CLIENT_INITIATED" : n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
