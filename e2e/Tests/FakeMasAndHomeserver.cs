using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>
/// MAS's admin API and the few homeserver endpoints the tests call, on loopback, speaking the real
/// wire format (MAS admin API JSON:API shapes, client_secret_basic, Matrix CS API). Used where no lab runs.
/// </summary>
internal sealed class FakeMasAndHomeserver : IAsyncDisposable
{
    public const string ClientId = "01JE2EADMINCLIENT000000000";
    public const string ClientSecret = "client-secret";
    private const string AdminToken = "mat_admin_token";

    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Usernames { get; } = new();
    public ConcurrentDictionary<string, string> SessionScopes { get; } = new();
    public ConcurrentDictionary<string, string> DisplayNames { get; } = new();
    public JsonArray RoomState { get; set; } = [];

    public static async Task<FakeMasAndHomeserver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeMasAndHomeserver { _app = builder.Build() };
        fake.Map(fake._app);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseAddress = new Uri(address + "/");
        return fake;
    }

    private void Map(WebApplication app)
    {
        var tokensToUsers = new ConcurrentDictionary<string, string>();
        var usersById = new ConcurrentDictionary<string, string>();

        app.MapPost("/oauth2/token", async (HttpRequest request) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            var form = await request.ReadFormAsync();
            if (request.Headers.Authorization != expected)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }
            if (form["grant_type"] != "client_credentials" || !form["scope"].ToString().Split(' ').Contains("urn:mas:admin"))
            {
                return Results.Json(new { error = "invalid_scope" }, statusCode: 400);
            }
            return Results.Json(new { access_token = AdminToken, token_type = "Bearer", expires_in = 300, scope = "urn:mas:admin" });
        });

        app.MapPost("/api/admin/v1/users", (HttpRequest request, JsonObject body) =>
        {
            if (request.Headers.Authorization != $"Bearer {AdminToken}")
            {
                return Results.Json(new { errors = new[] { new { title = "Unauthorized" } } }, statusCode: 401);
            }
            var username = body["username"]!.GetValue<string>();
            var id = $"01JUSER{usersById.Count:D19}";
            usersById[id] = username;
            Usernames.Enqueue(username);
            return Results.Json(new { data = new { type = "user", id, attributes = new { username } } }, statusCode: 201);
        });

        app.MapPost("/api/admin/v1/personal-sessions", (HttpRequest request, JsonObject body) =>
        {
            if (request.Headers.Authorization != $"Bearer {AdminToken}")
            {
                return Results.StatusCode(401);
            }
            if (!usersById.TryGetValue(body["actor_user_id"]!.GetValue<string>(), out var username))
            {
                return Results.Json(new { errors = new[] { new { title = "User not found" } } }, statusCode: 404);
            }
            var token = $"mpt_{Guid.NewGuid():N}";
            tokensToUsers[token] = username;
            SessionScopes[username] = body["scope"]!.GetValue<string>();
            return Results.Json(new { data = new { type = "personal-session", id = "01JSESSION", attributes = new { access_token = token, scope = body["scope"]!.GetValue<string>() } } }, statusCode: 201);
        });

        app.MapPut("/_matrix/client/v3/profile/{userId}/displayname", (string userId, HttpRequest request, JsonObject body) =>
        {
            var token = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            if (!tokensToUsers.TryGetValue(token, out var username) || !userId.StartsWith($"@{username}:", StringComparison.Ordinal))
            {
                return Results.Json(new { errcode = "M_FORBIDDEN", error = "not your profile" }, statusCode: 403);
            }
            DisplayNames[userId] = body["displayname"]!.GetValue<string>();
            return Results.Json(new { });
        });

        app.MapGet("/_matrix/client/v3/rooms/{roomId}/state", (string roomId) =>
            roomId.StartsWith('!') ? Results.Json(RoomState) : Results.Json(new { errcode = "M_INVALID_PARAM" }, statusCode: 400));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
