using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Matrix;

namespace MatrixRtc.Doctor.Unstick;

/// <summary>
/// The parts of <c>m.room.power_levels</c> that decide who may write a state event (Matrix defaults when absent),
/// plus the room creators of MSC4289 room versions, whose power is unlimited.
/// </summary>
internal sealed record PowerLevels(JsonObject? Content, IReadOnlySet<string> Creators)
{
    /// <summary>What <see cref="UserLevel"/> answers for a creator: above every power level a room can list.</summary>
    public const long CreatorLevel = long.MaxValue;

    /// <summary>Reads power levels and, for room versions with MSC4289 (12 and later, <c>org.matrix.hydra.11</c>), the creators.</summary>
    public static PowerLevels From(IReadOnlyList<RoomEvent> state, string roomVersion)
    {
        var content = state.FirstOrDefault(e => e.Type == "m.room.power_levels" && e.StateKey == "")?.Content;
        var create = state.FirstOrDefault(e => e.Type == "m.room.create" && e.StateKey == "");
        var creators = new HashSet<string>(StringComparer.Ordinal);
        if (create is not null && CreatorsHavePower(roomVersion))
        {
            creators.Add(create.Sender);
            foreach (var extra in (create.Content["additional_creators"] as JsonArray ?? []).OfType<JsonValue>())
            {
                if (extra.TryGetValue<string>(out var user))
                {
                    creators.Add(user);
                }
            }
        }

        return new PowerLevels(content, creators);
    }

    public static bool CreatorsHavePower(string roomVersion) =>
        roomVersion == "org.matrix.hydra.11" || (int.TryParse(roomVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 12);

    public long UserLevel(string userId) =>
        Creators.Contains(userId) ? CreatorLevel : Number((Content?["users"] as JsonObject)?[userId]) ?? Number(Content?["users_default"]) ?? 0;

    public long StateEventLevel(string eventType) =>
        Number((Content?["events"] as JsonObject)?[eventType]) ?? Number(Content?["state_default"]) ?? (Content is null ? 0 : 50);

    private static long? Number(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<long>(out var n) ? n : v.TryGetValue<string>(out var s) && long.TryParse(s, out var p) ? p : null
        : null;
}
