using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>
/// A homeserver speaking the Matrix wire formats the doctor uses: both well-knowns, Client-Server API
/// (versions, capabilities, auth_metadata, MSC4143 transports, OpenID, whoami, room state read and
/// write with Synapse's auth rules and error bodies, /messages, TURN) and the federation endpoints
/// (keys, version, OpenID userinfo). Every knob is a property tests can change between requests.
/// </summary>
public sealed class FakeHomeserver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string UserId, string DeviceId)> _accessTokens = new();
    private readonly ConcurrentDictionary<string, string> _openIdTokens = new();
    private readonly ConcurrentDictionary<string, FakeRoom> _rooms = new();
    private int _eventCounter;

    private FakeHomeserver() { }

    public LoopbackServer Server { get; private set; } = null!;

    public Uri BaseUrl => Server.BaseUrl;

    public string ServerName => Server.Authority;

    // Discovery and feature knobs.
    public bool ServeServerWellKnown { get; set; } = true;
    /// <summary>What the server well-known delegates to; default this server's own host:port.</summary>
    public string? DelegatedServer { get; set; }
    public bool RedirectServerWellKnown { get; set; }
    public bool ServeClientWellKnown { get; set; } = true;
    public bool ClientWellKnownCors { get; set; } = true;
    /// <summary>Serve the client well-known behind one redirect hop; the hop's CORS header is set by <see cref="RedirectHopCors"/>.</summary>
    public bool RedirectClientWellKnown { get; set; }
    public bool RedirectHopCors { get; set; } = true;
    public JsonArray? RtcFoci { get; set; }
    public string? KeysServerNameOverride { get; set; }
    public Dictionary<string, bool> UnstableFeatures { get; } = new() { ["org.matrix.msc4140"] = true, ["org.matrix.msc4354"] = true };
    public long? MaxDelayMs { get; set; } = 86_400_000;
    public string? Issuer { get; set; }
    /// <summary>null: the transports endpoint is not served (404 M_UNRECOGNIZED, like Synapse without msc4143_enabled).</summary>
    public JsonArray? Transports { get; set; }
    public bool UserInfoWorks { get; set; } = true;
    public bool RegistrationOpen { get; set; }
    /// <summary>false: Synapse ≥ 1.157 without max_event_delay_duration (403 "disallowed").</summary>
    public bool DelayedEventsEnabled { get; set; } = true;
    /// <summary>Scheduled delayed events by delay ID (never sent: tests only schedule and cancel).</summary>
    public ConcurrentDictionary<string, JsonObject> DelayedEvents { get; } = new();
    public JsonObject TurnServer { get; set; } = [];
    /// <summary>Delay every answer to well-known/server by this much (timeout tests).</summary>
    public TimeSpan ServerWellKnownDelay { get; set; }
    /// <summary>Per-state-key reactions after a write, e.g. a live client that re-joins at once.</summary>
    public ConcurrentDictionary<string, Func<FakeHomeserver, string, JsonObject?>> AfterWrite { get; } = new();
    /// <summary>Runs before a single state event is read (e.g. to simulate a client re-joining between plan and write).</summary>
    public Action<FakeRoom, string>? BeforeSingleStateRead { get; set; }
    /// <summary>Reading this single state key answers 500 (a flaky worker behind the proxy).</summary>
    public string? BrokenStateKey { get; set; }
    /// <summary>Number of upcoming state writes answered 429 before writes succeed.</summary>
    public int RateLimitNextWrites { get; set; }
    /// <summary>The <c>retry_after_ms</c> those 429 answers ask for.</summary>
    public long RateLimitRetryAfterMs { get; set; } = 20;

    public static async Task<FakeHomeserver> StartAsync()
    {
        var fake = new FakeHomeserver();
        fake.Server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    public void AddUser(string userId, string accessToken, string deviceId = "DEVICE") => _accessTokens[accessToken] = (userId, deviceId);

    public FakeRoom CreateRoom(string roomId, string creator, string roomVersion = "10") =>
        _rooms.GetOrAdd(roomId, id => new FakeRoom(this, id, creator, roomVersion));

    internal string NextEventId() => $"$event{Interlocked.Increment(ref _eventCounter)}";

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/matrix/server", async (HttpContext http, string? hop) =>
        {
            await Task.Delay(ServerWellKnownDelay, http.RequestAborted);
            if (RedirectServerWellKnown && hop is null)
            {
                return Results.Redirect("/.well-known/matrix/server?hop=1"); // no CORS header: none is needed here
            }

            return ServeServerWellKnown ? Results.Json(new JsonObject { ["m.server"] = DelegatedServer ?? ServerName }) : NotFound();
        });
        app.MapGet("/.well-known/matrix/client", (HttpContext http, string? hop) =>
        {
            if (!ServeClientWellKnown)
            {
                return NotFound();
            }

            if (RedirectClientWellKnown && hop is null)
            {
                if (RedirectHopCors)
                {
                    http.Response.Headers.AccessControlAllowOrigin = "*";
                }

                return Results.Redirect("/.well-known/matrix/client?hop=1");
            }

            if (ClientWellKnownCors)
            {
                http.Response.Headers.AccessControlAllowOrigin = "*";
            }

            var document = new JsonObject { ["m.homeserver"] = new JsonObject { ["base_url"] = BaseUrl.ToString() } };
            if (RtcFoci is not null)
            {
                document["org.matrix.msc4143.rtc_foci"] = RtcFoci.DeepClone();
            }

            return Results.Json(document);
        });

        app.MapGet("/_matrix/key/v2/server", () => Results.Json(new JsonObject
        {
            ["server_name"] = KeysServerNameOverride ?? ServerName,
            ["valid_until_ts"] = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(),
            ["verify_keys"] = new JsonObject { ["ed25519:a"] = new JsonObject { ["key"] = "bm90LWEtcmVhbC1rZXk" } },
            ["signatures"] = new JsonObject { [KeysServerNameOverride ?? ServerName] = new JsonObject { ["ed25519:a"] = "c2lnbmF0dXJl" } },
        }));
        app.MapGet("/_matrix/federation/v1/version", () => Results.Json(new JsonObject
        {
            ["server"] = new JsonObject { ["name"] = "FakeSynapse", ["version"] = "1.157.0" },
        }));
        app.MapGet("/_matrix/federation/v1/openid/userinfo", (string? access_token) =>
            UserInfoWorks && access_token is not null && _openIdTokens.TryGetValue(access_token, out var user)
                ? Results.Json(new JsonObject { ["sub"] = user })
                : Error(401, "M_UNKNOWN_TOKEN", "Access Token unknown or expired"));

        app.MapGet("/_matrix/client/versions", (HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            var features = new JsonObject();
            foreach (var (name, on) in UnstableFeatures)
            {
                features[name] = on;
            }

            return Results.Json(new JsonObject { ["versions"] = new JsonArray("r0.6.1", "v1.11", "v1.12"), ["unstable_features"] = features });
        });
        app.MapPost("/_matrix/client/v3/register", () => RegistrationOpen
            ? Results.Json(new JsonObject
            {
                ["flows"] = new JsonArray(new JsonObject { ["stages"] = new JsonArray("m.login.dummy") }),
                ["params"] = new JsonObject(),
                ["session"] = "uia-session",
            }, statusCode: 401)
            : Error(403, "M_FORBIDDEN", "Registration has been disabled. Only m.login.application_service registrations are allowed."));
        app.MapGet("/_matrix/client/v3/publicRooms", () => Results.Json(new JsonObject { ["chunk"] = new JsonArray(), ["total_room_count_estimate"] = 0 }));
        app.MapGet("/_matrix/client/v3/capabilities", (HttpContext http) => Authed(http, _ =>
        {
            var capabilities = new JsonObject { ["m.change_password"] = new JsonObject { ["enabled"] = false } };
            if (MaxDelayMs is { } max)
            {
                capabilities["org.matrix.msc4140.delayed_events"] = new JsonObject { ["max_delay_ms"] = max, ["max_scheduled"] = 100 };
            }

            return Results.Json(new JsonObject { ["capabilities"] = capabilities });
        }));
        app.MapGet("/_matrix/client/v1/auth_metadata", () => Issuer is null
            ? Error(404, "M_UNRECOGNIZED", "Unrecognized request")
            : Results.Json(new JsonObject { ["issuer"] = Issuer, ["authorization_endpoint"] = Issuer + "authorize" }));
        app.MapGet("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata", () => Error(404, "M_UNRECOGNIZED", "Unrecognized request"));
        app.MapGet("/_matrix/client/unstable/org.matrix.msc4143/rtc/transports", (HttpContext http) => Authed(http, _ => Transports is null
            ? Error(404, "M_UNRECOGNIZED", "Unrecognized request")
            : Results.Json(Transports.Count == 0 ? [] : new JsonObject { ["rtc_transports"] = Transports.DeepClone() })));
        app.MapGet("/_matrix/client/v1/rtc/transports", () => Error(404, "M_UNRECOGNIZED", "Unrecognized request"));
        app.MapPost("/_matrix/client/v3/user/{userId}/openid/request_token", (HttpContext http, string userId) => Authed(http, caller =>
        {
            if (caller.UserId != userId)
            {
                return Error(403, "M_FORBIDDEN", "Cannot request tokens for other users.");
            }

            var token = $"oidtok_{Guid.NewGuid():N}";
            _openIdTokens[token] = userId;
            return Results.Json(new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["matrix_server_name"] = ServerName,
                ["expires_in"] = 3600,
            });
        }));
        app.MapGet("/_matrix/client/v3/voip/turnServer", (HttpContext http) => Authed(http, _ => Results.Json(TurnServer.DeepClone())));
        app.MapGet("/_matrix/client/v3/account/whoami", (HttpContext http) => Authed(http, caller =>
            Results.Json(new JsonObject { ["user_id"] = caller.UserId, ["device_id"] = caller.DeviceId })));

        app.MapGet("/_matrix/client/v3/rooms/{roomId}/state", (HttpContext http, string roomId) => Authed(http, caller =>
            InRoom(roomId, caller.UserId, room => Results.Json(new JsonArray([.. room.State.Select(e => (JsonNode)e.DeepClone())])))));
        app.MapGet("/_matrix/client/v3/rooms/{roomId}/state/{type}/{**stateKey}", (HttpContext http, string roomId, string type, string? stateKey, string? format) => Authed(http, caller =>
            InRoom(roomId, caller.UserId, room =>
            {
                if (stateKey == BrokenStateKey)
                {
                    return Error(500, "M_UNKNOWN", "Internal server error");
                }

                BeforeSingleStateRead?.Invoke(room, stateKey ?? "");
                return room.Get(type, stateKey ?? "") is { } e
                    ? Results.Json(format == "event" ? e.DeepClone() : e["content"]!.DeepClone())
                    : Error(404, "M_NOT_FOUND", "Event not found.");
            })));
        app.MapPut("/_matrix/client/v3/rooms/{roomId}/state/{type}/{**stateKey}", async (HttpContext http, string roomId, string type, string? stateKey) =>
        {
            var content = await http.Request.ReadFromJsonAsync<JsonObject>(http.RequestAborted) ?? [];
            return Authed(http, caller => InRoom(roomId, caller.UserId, room =>
            {
                if (RateLimitNextWrites > 0)
                {
                    RateLimitNextWrites--;
                    return Results.Json(new JsonObject { ["errcode"] = "M_LIMIT_EXCEEDED", ["error"] = "Too Many Requests", ["retry_after_ms"] = RateLimitRetryAfterMs }, statusCode: 429);
                }

                var denied = room.AuthorizeStateWrite(caller.UserId, type, stateKey ?? "");
                if (denied is not null)
                {
                    return Error(403, "M_FORBIDDEN", denied);
                }

                var eventId = room.Write(caller.UserId, type, stateKey ?? "", content);
                if (AfterWrite.TryGetValue(stateKey ?? "", out var react) && react(this, stateKey ?? "") is { } again)
                {
                    room.Write(OwnerOf(stateKey ?? ""), type, stateKey ?? "", again);
                }

                return Results.Json(new JsonObject { ["event_id"] = eventId });
            }));
        });
        app.MapPut("/_matrix/client/v3/rooms/{roomId}/send/{type}/{txnId}", async (HttpContext http, string roomId, string type, string txnId) =>
        {
            var content = await http.Request.ReadFromJsonAsync<JsonObject>(http.RequestAborted) ?? [];
            var delay = http.Request.Query["org.matrix.msc4140.delay"].FirstOrDefault();
            return Authed(http, caller => InRoom(roomId, caller.UserId, room =>
            {
                if (delay is null)
                {
                    return Results.Json(new JsonObject { ["event_id"] = NextEventId() });
                }

                if (!DelayedEventsEnabled)
                {
                    return Error(403, "M_FORBIDDEN", "Sending delayed events has been disallowed");
                }

                var delayId = $"syd_{Guid.NewGuid():N}";
                DelayedEvents[delayId] = new JsonObject
                {
                    ["delay_id"] = delayId, ["room_id"] = roomId, ["type"] = type, ["delay"] = long.Parse(delay, System.Globalization.CultureInfo.InvariantCulture),
                    ["running_since"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["content"] = content.DeepClone(), ["owner"] = caller.UserId,
                };
                return Results.Json(new JsonObject { ["delay_id"] = delayId });
            }));
        });
        app.MapGet("/_matrix/client/unstable/org.matrix.msc4140/delayed_events", (HttpContext http) => Authed(http, caller => Results.Json(new JsonObject
        {
            ["delayed_events"] = new JsonArray([.. DelayedEvents.Values.Where(e => (string?)e["owner"] == caller.UserId).Select(e =>
            {
                var copy = e.DeepClone().AsObject();
                copy.Remove("owner");
                return (JsonNode)copy;
            })]),
        })));
        app.MapPost("/_matrix/client/unstable/org.matrix.msc4140/delayed_events/{delayId}/{action}", (string delayId, string action) =>
            action is "cancel" or "restart" or "send"
                ? (action == "restart" ? DelayedEvents.ContainsKey(delayId) : DelayedEvents.TryRemove(delayId, out _))
                    ? Results.Json(new JsonObject())
                    : Error(404, "M_NOT_FOUND", "Delayed event not found")
                : Error(404, "M_UNRECOGNIZED", "Unrecognized request"));
        app.MapGet("/_matrix/client/v3/rooms/{roomId}/messages", (HttpContext http, string roomId, int? limit) => Authed(http, caller =>
            InRoom(roomId, caller.UserId, room => Results.Json(new JsonObject
            {
                ["chunk"] = new JsonArray([.. room.Timeline.AsEnumerable().Reverse().Take(limit ?? 10).Select(e => (JsonNode)e.DeepClone())]),
                ["start"] = "t1",
            }))));
    }

    private static string OwnerOf(string stateKey)
    {
        var key = stateKey.TrimStart('_');
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var underscore = key.IndexOf('_', colon);
        return underscore < 0 ? key : key[..underscore];
    }

    private IResult Authed(HttpContext http, Func<(string UserId, string DeviceId), IResult> handler)
    {
        var header = http.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error(401, "M_MISSING_TOKEN", "Missing access token.");
        }

        return _accessTokens.TryGetValue(header["Bearer ".Length..], out var caller)
            ? handler(caller)
            : Error(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.");
    }

    private IResult InRoom(string roomId, string userId, Func<FakeRoom, IResult> handler)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return Error(404, "M_NOT_FOUND", "Unknown room");
        }

        return room.Membership(userId) == "join"
            ? handler(room)
            : Error(403, "M_FORBIDDEN", $"User {userId} not in room {roomId}");
    }

    internal static IResult Error(int status, string errcode, string error) =>
        Results.Json(new JsonObject { ["errcode"] = errcode, ["error"] = error }, statusCode: status);

    private static IResult NotFound() => Results.Json(new JsonObject { ["errcode"] = "M_NOT_FOUND", ["error"] = "Not found" }, statusCode: 404);
}
