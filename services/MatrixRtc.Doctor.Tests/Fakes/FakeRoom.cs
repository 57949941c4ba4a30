using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>A room of <see cref="FakeHomeserver"/>: current state, timeline, and Synapse's auth rules for state writes.</summary>
public sealed class FakeRoom
{
    private readonly FakeHomeserver _server;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Type, string StateKey), JsonObject> _state = [];

    internal FakeRoom(FakeHomeserver server, string roomId, string creator, string roomVersion)
    {
        _server = server;
        RoomId = roomId;
        Write(creator, "m.room.create", "", new JsonObject { ["room_version"] = roomVersion, ["creator"] = creator });
        Join(creator);
        SetPowerLevels(new JsonObject
        {
            // Room version 12 (MSC4289) forbids listing creators: their power is unlimited anyway.
            ["users"] = CreatorsHavePower(roomVersion) ? new JsonObject() : new JsonObject { [creator] = 100 },
            ["users_default"] = 0,
            ["state_default"] = 50,
            ["events"] = new JsonObject { ["org.matrix.msc3401.call.member"] = 0 },
        });
    }

    public string RoomId { get; }

    public List<JsonObject> Timeline { get; } = [];

    public IReadOnlyList<JsonObject> State
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Values];
            }
        }
    }

    public void Join(string userId) => Write(userId, "m.room.member", userId, new JsonObject { ["membership"] = "join" });

    public void Leave(string userId) => Write(userId, "m.room.member", userId, new JsonObject { ["membership"] = "leave" });

    public void SetPowerLevels(JsonObject content) => Write(CreatorOrSystem, "m.room.power_levels", "", content);

    /// <summary>Adds <paramref name="userId"/> to the create event's <c>additional_creators</c> (MSC4289, room version 12).</summary>
    public void AddCreator(string userId)
    {
        var create = Get("m.room.create", "")!;
        var content = (JsonObject)create["content"]!.DeepClone();
        var creators = content["additional_creators"] as JsonArray ?? [];
        creators.Add(userId);
        content["additional_creators"] = creators.DeepClone();
        Write((string)create["sender"]!, "m.room.create", "", content);
    }

    public string? Membership(string userId) => Get("m.room.member", userId)?["content"]?["membership"]?.ToString();

    public JsonObject? Get(string type, string stateKey)
    {
        lock (_gate)
        {
            return _state.TryGetValue((type, stateKey), out var e) ? e : null;
        }
    }

    /// <summary>Stores a state event as the server would (new event ID, origin_server_ts); returns the event ID.</summary>
    public string Write(string sender, string type, string stateKey, JsonObject content, DateTimeOffset? at = null)
    {
        var eventId = _server.NextEventId();
        var e = new JsonObject
        {
            ["type"] = type,
            ["state_key"] = stateKey,
            ["sender"] = sender,
            ["event_id"] = eventId,
            ["room_id"] = RoomId,
            ["origin_server_ts"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            ["content"] = content.DeepClone(),
        };
        lock (_gate)
        {
            _state[(type, stateKey)] = e;
            Timeline.Add(e);
        }

        return eventId;
    }

    /// <summary>A sticky m.rtc.member timeline event (MSC4354); not part of room state.</summary>
    public void SendSticky(string sender, JsonObject content, DateTimeOffset at, long durationMs = 3_600_000)
    {
        lock (_gate)
        {
            Timeline.Add(new JsonObject
            {
                ["type"] = "m.rtc.member",
                ["sender"] = sender,
                ["event_id"] = _server.NextEventId(),
                ["room_id"] = RoomId,
                ["origin_server_ts"] = at.ToUnixTimeMilliseconds(),
                ["content"] = content.DeepClone(),
                ["msc4354_sticky"] = new JsonObject { ["duration_ms"] = durationMs },
            });
        }
    }

    /// <summary>Synapse's rules (event_auth): joined sender, power level, and owned state keys; returns the error text or null.</summary>
    internal string? AuthorizeStateWrite(string sender, string type, string stateKey)
    {
        if (Membership(sender) != "join")
        {
            return $"User {sender} not in room {RoomId}";
        }

        var levels = Get("m.room.power_levels", "")?["content"] as JsonObject;
        var userLevel = UserLevel(levels, sender);
        var required = Level(levels?["events"]?[type]) ?? Level(levels?["state_default"]) ?? 50;
        if (userLevel < required)
        {
            return $"You don't have permission to post that to the room. user_level ({userLevel}) < send_level ({required})";
        }

        if (stateKey.StartsWith('@') && stateKey != sender)
        {
            // MSC3757 room versions let the owner write @owner_suffix keys, and a user with a strictly higher
            // power level write @owner and @owner_suffix keys.
            var underscore = stateKey.IndexOf('_', stateKey.IndexOf(':', StringComparison.Ordinal));
            var owner = underscore < 0 ? stateKey : stateKey[..underscore];
            if (!RoomVersion.Contains("msc3757", StringComparison.Ordinal) || (owner != sender && userLevel <= UserLevel(levels, owner)))
            {
                return "You are not allowed to set others state";
            }
        }

        return null;
    }

    private string RoomVersion => Get("m.room.create", "")?["content"]?["room_version"]?.ToString() ?? "";

    private static bool CreatorsHavePower(string roomVersion) => roomVersion is "12" or "org.matrix.hydra.11";

    /// <summary>MSC4289 (room version 12): the create event's sender and its additional_creators outrank every power level.</summary>
    private long UserLevel(JsonObject? levels, string userId)
    {
        var create = Get("m.room.create", "");
        if (CreatorsHavePower(RoomVersion)
            && ((string?)create?["sender"] == userId || (create?["content"]?["additional_creators"] as JsonArray ?? []).Any(c => (string?)c == userId)))
        {
            return long.MaxValue;
        }

        return Level(levels?["users"]?[userId]) ?? Level(levels?["users_default"]) ?? 0;
    }

    private static long? Level(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private string CreatorOrSystem => Get("m.room.create", "")?["sender"]?.ToString() ?? "@system:fake";
}
