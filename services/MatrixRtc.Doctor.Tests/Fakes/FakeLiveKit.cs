using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>
/// A LiveKit server's HTTP side: <c>GET /</c> health, <c>/rtc/validate</c> with LiveKit's token and
/// room checks (401 bad token/no roomJoin, 400 no identity, 404 room missing while auto_create is off),
/// and the Twirp JSON RoomService (ListRooms, ListParticipants, CreateRoom) with LiveKit's grants.
/// </summary>
public sealed class FakeLiveKit : IAsyncDisposable
{
    private FakeLiveKit(string key, string secret)
    {
        ApiKey = key;
        ApiSecret = secret;
    }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    public bool AutoCreate { get; set; }

    /// <summary>Room name → participant identities.</summary>
    public ConcurrentDictionary<string, List<string>> Rooms { get; } = new();

    public LoopbackServer Server { get; private set; } = null!;

    public Uri SignallingUrl => new($"ws://{Server.Authority}/");

    public static async Task<FakeLiveKit> StartAsync(string key = "lab-key", string secret = "lab-secret-0123456789abcdef0123456789")
    {
        var fake = new FakeLiveKit(key, secret);
        fake.Server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Text("OK"));
        app.MapGet("/rtc/validate", (HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            var claims = Claims(http, http.Request.Query["access_token"].FirstOrDefault());
            var video = claims?["video"] as JsonObject;
            if (claims is null || video is null || (bool?)video["roomJoin"] != true)
            {
                return Results.Text("permissions denied", statusCode: 401);
            }

            if (string.IsNullOrEmpty((string?)claims["sub"]))
            {
                return Results.Text("participant identity cannot be empty", statusCode: 400);
            }

            var room = (string?)video["room"] ?? "";
            return !AutoCreate && !Rooms.ContainsKey(room)
                ? Results.Text("requested room does not exist", statusCode: 404)
                : Results.Text("success");
        });
        app.MapPost("/twirp/livekit.RoomService/{method}", async (HttpContext http, string method) =>
        {
            var request = await http.Request.ReadFromJsonAsync<JsonObject>(http.RequestAborted) ?? [];
            var video = Claims(http, null)?["video"] as JsonObject;
            var room = (string?)request["room"] ?? (string?)request["name"];
            bool Granted(string grant) => (bool?)video?[grant] == true;
            switch (method)
            {
                case "ListRooms" when Granted("roomList"):
                    var names = (request["names"] as JsonArray)?.Select(n => (string?)n).ToHashSet();
                    return Results.Json(new JsonObject
                    {
                        ["rooms"] = new JsonArray([.. Rooms.Where(r => names is null || names.Count == 0 || names.Contains(r.Key)).Select(r => (JsonNode)new JsonObject
                        {
                            ["sid"] = "RM_" + r.Key.GetHashCode(StringComparison.Ordinal),
                            ["name"] = r.Key,
                            ["num_participants"] = r.Value.Count,
                            ["creation_time"] = "1767000000",
                            ["turn_password"] = "never-show-this",
                        })]),
                    });
                case "ListParticipants" when Granted("roomAdmin") && (string?)video!["room"] == room:
                    return Rooms.TryGetValue(room ?? "", out var participants)
                        ? Results.Json(new JsonObject
                        {
                            ["participants"] = new JsonArray([.. participants.Select(p => (JsonNode)new JsonObject
                            {
                                ["sid"] = "PA_" + p.Length,
                                ["identity"] = p,
                                ["state"] = "ACTIVE",
                                ["joined_at"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                            })]),
                        })
                        : Results.Json(new JsonObject { ["code"] = "not_found", ["msg"] = "requested room does not exist" }, statusCode: 404);
                case "CreateRoom" when Granted("roomCreate"):
                    Rooms.TryAdd(room ?? "", []);
                    return Results.Json(new JsonObject { ["name"] = room, ["sid"] = "RM_new" });
                default:
                    return Results.Json(new JsonObject { ["code"] = "unauthenticated", ["msg"] = "permissions denied" }, statusCode: 401);
            }
        });
    }

    private JsonObject? Claims(HttpContext http, string? queryToken)
    {
        var header = http.Request.Headers.Authorization.FirstOrDefault();
        var token = queryToken ?? (header?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? header["Bearer ".Length..] : null);
        var claims = token is null ? null : HmacJwt.Verify(token, ApiSecret);
        return claims is not null && (string?)claims["iss"] == ApiKey ? claims : null;
    }
}
