using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>
/// The MatrixRTC Authorization Service (lk-jwt-service) as docs/auth-service.md describes it: /healthz,
/// /get_token and /sfu/get with the CORS wrapper (405 for non-POST, 200 for OPTIONS), OpenID
/// validation over the homeserver's federation userinfo endpoint, hashed room names, HS256 tokens,
/// and CreateRoom on LiveKit for full-access servers.
/// </summary>
public sealed class FakeAuthService : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private FakeAuthService(FakeHomeserver homeserver, FakeLiveKit liveKit)
    {
        Homeserver = homeserver;
        LiveKit = liveKit;
        SigningSecret = liveKit.ApiSecret;
    }

    public FakeHomeserver Homeserver { get; }

    public FakeLiveKit LiveKit { get; }

    /// <summary>The secret tokens are signed with; differs from LiveKit's in the key-mismatch scenario.</summary>
    public string SigningSecret { get; set; }

    public bool FullAccess { get; set; } = true;

    /// <summary>Simulate a reverse proxy that does not route the token endpoints (404 for everything but /healthz).</summary>
    public bool Misrouted { get; set; }

    public bool Cors { get; set; } = true;

    /// <summary>false: an auth service that dropped the deprecated /sfu/get (404 like Go's default mux).</summary>
    public bool LegacyEndpoint { get; set; } = true;

    public LoopbackServer Server { get; private set; } = null!;

    public Uri BaseUrl => Server.BaseUrl;

    public static async Task<FakeAuthService> StartAsync(FakeHomeserver homeserver, FakeLiveKit liveKit)
    {
        var fake = new FakeAuthService(homeserver, liveKit);
        fake.Server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapMethods("/healthz", ["GET", "HEAD"], () => Results.Ok());
        foreach (var path in new[] { "/get_token", "/sfu/get" })
        {
            app.Map(path, async (HttpContext http) =>
            {
                if (Misrouted || (path == "/sfu/get" && !LegacyEndpoint))
                {
                    return Results.Text("404 page not found", statusCode: 404);
                }

                if (Cors)
                {
                    http.Response.Headers.AccessControlAllowOrigin = "*";
                    http.Response.Headers.AccessControlAllowMethods = "POST";
                }

                return http.Request.Method switch
                {
                    "OPTIONS" => Results.Ok(),
                    "POST" => await IssueAsync(http, legacy: path == "/sfu/get"),
                    _ => Results.StatusCode(405),
                };
            });
        }
    }

    private async Task<IResult> IssueAsync(HttpContext http, bool legacy)
    {
        var body = await http.Request.ReadFromJsonAsync<JsonObject>(http.RequestAborted);
        var openId = body?["openid_token"] as JsonObject;
        var room = (string?)body?[legacy ? "room" : "room_id"];
        if (room is null || openId?["access_token"] is null || openId["matrix_server_name"] is null)
        {
            return Error(400, "M_BAD_JSON", "The request body is missing `room_id` or `slot_id`");
        }

        var userInfo = await _http.GetAsync(new Uri(Homeserver.BaseUrl, $"/_matrix/federation/v1/openid/userinfo?access_token={Uri.EscapeDataString((string)openId["access_token"]!)}"));
        var user = userInfo.IsSuccessStatusCode ? (string?)(await userInfo.Content.ReadFromJsonAsync<JsonObject>())?["sub"] : null;
        if (user is null || (!legacy && (string?)body!["member"]?["claimed_user_id"] != user))
        {
            return Error(401, "M_UNAUTHORIZED", "The request could not be authorised.");
        }

        var slot = legacy ? "m.call#ROOM" : (string?)body!["slot_id"] ?? "";
        var roomName = Hash($"[\"{room}\",\"{slot}\"]");
        var identity = legacy
            ? $"{user}:{body!["device_id"]}"
            : Hash($"[\"{user}\",\"{body!["member"]!["claimed_device_id"]}\",\"{body["member"]!["id"]}\"]");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var jwt = HmacJwt.Sign(new JsonObject
        {
            ["iss"] = LiveKit.ApiKey,
            ["sub"] = identity,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["video"] = new JsonObject { ["roomJoin"] = true, ["room"] = roomName, ["canPublish"] = true, ["canSubscribe"] = true, ["roomCreate"] = false },
        }, SigningSecret);

        if (FullAccess)
        {
            var admin = HmacJwt.Sign(new JsonObject { ["iss"] = LiveKit.ApiKey, ["nbf"] = now, ["exp"] = now + 60, ["video"] = new JsonObject { ["roomCreate"] = true } }, SigningSecret);
            using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(LiveKit.Server.BaseUrl, "/twirp/livekit.RoomService/CreateRoom"))
            {
                Content = JsonContent.Create(new JsonObject { ["name"] = roomName, ["empty_timeout"] = 300, ["departure_timeout"] = 20 }),
            };
            create.Headers.Authorization = new("Bearer", admin);
            if (!(await _http.SendAsync(create)).IsSuccessStatusCode)
            {
                return Error(500, "M_UNKNOWN", "Unable to create room on SFU");
            }
        }

        return Results.Json(new JsonObject { ["url"] = LiveKit.SignallingUrl.ToString(), ["jwt"] = jwt });
    }

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=');

    private static IResult Error(int status, string errcode, string error) =>
        Results.Json(new JsonObject { ["errcode"] = errcode, ["error"] = error }, statusCode: status);
}
