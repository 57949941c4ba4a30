using System.Text.Json.Nodes;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.E2E.Users;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Fresh users through MAS's admin API, and membership reading, over real HTTP against a wire-faithful fake.</summary>
public sealed class TestUsersTests : IAsyncLifetime
{
    private FakeMasAndHomeserver _server = null!;
    private readonly HttpClient _http = new();

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeMasAndHomeserver.StartAsync();

    private LabEndpoints Lab(string secret = FakeMasAndHomeserver.ClientSecret) => new()
    {
        ServerName = "lab.localhost",
        HomeserverUrl = _server.BaseAddress,
        ElementWebUrl = _server.BaseAddress,
        AuthServiceUrl = _server.BaseAddress,
        LiveKitUrl = new("ws://127.0.0.1:7880/"),
        MasUrl = _server.BaseAddress,
        MasAdminClient = new(FakeMasAndHomeserver.ClientId, secret),
    };

    [Fact]
    public async Task A_fresh_user_gets_a_unique_name_a_device_scoped_session_and_a_display_name()
    {
        var users = new TestUsers(Lab(), _http);

        var alice = await users.CreateAsync("Alice", Cancelled);
        var alsoAlice = await users.CreateAsync("Alice", Cancelled);

        Assert.NotEqual(alice.Username, alsoAlice.Username);
        Assert.Matches("^e2e-alice-[0-9a-f]{8}$", alice.Username);
        Assert.Equal($"@{alice.Username}:lab.localhost", alice.UserId);
        Assert.Matches("^[A-Z]{10}$", alice.DeviceId);
        Assert.StartsWith("mpt_", alice.AccessToken, StringComparison.Ordinal);
        Assert.Equal($"urn:matrix:client:api:* urn:matrix:client:device:{alice.DeviceId}", _server.SessionScopes[alice.Username]);
        Assert.Equal("Alice", _server.DisplayNames[alice.UserId]);
    }

    [Fact]
    public async Task A_wrong_admin_client_secret_is_reported_with_the_client_and_the_policy_hint()
    {
        var users = new TestUsers(Lab(secret: "wrong"), _http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => users.CreateAsync("Bob", Cancelled));

        Assert.Contains($"MAS refused the admin client {FakeMasAndHomeserver.ClientId} (401)", error.Message, StringComparison.Ordinal);
        Assert.Contains("policy.data.admin_clients", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Usernames);
    }

    [Fact]
    public async Task Call_memberships_are_live_only_while_they_name_an_application_and_a_device()
    {
        var reader = new MatrixUser("@r:lab.localhost", "r", "R", "token", "DEV");
        _server.RoomState =
        [
            Member("_@alice:lab.localhost_ALICEDEV_m.call", "@alice:lab.localhost",
                new JsonObject { ["application"] = "m.call", ["call_id"] = "", ["device_id"] = "ALICEDEV", ["focus_active"] = new JsonObject { ["type"] = "livekit" } }),
            Member("_@bob:lab.localhost_BOBDEV_m.call", "@bob:lab.localhost", []),
            Member("_@carol:lab.localhost_CAROLDEV_m.call", "@carol:lab.localhost", new JsonObject { ["leave_reason"] = "lost_connection" }),
            new JsonObject { ["type"] = "m.room.member", ["state_key"] = "@alice:lab.localhost", ["sender"] = "@alice:lab.localhost", ["content"] = new JsonObject { ["membership"] = "join" } },
        ];

        var memberships = await new MatrixClientApi(_http, _server.BaseAddress).CallMembershipsAsync(reader, "!room:lab.localhost", Cancelled);

        Assert.Equal(
            [
                new CallMembership("_@alice:lab.localhost_ALICEDEV_m.call", "@alice:lab.localhost", true),
                new CallMembership("_@bob:lab.localhost_BOBDEV_m.call", "@bob:lab.localhost", false),
                new CallMembership("_@carol:lab.localhost_CAROLDEV_m.call", "@carol:lab.localhost", false),
            ],
            memberships);
    }

    [Fact]
    public async Task A_homeserver_error_names_the_request_and_the_status()
    {
        var reader = new MatrixUser("@r:lab.localhost", "r", "R", "token", "DEV");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new MatrixClientApi(_http, _server.BaseAddress).CallMembershipsAsync(reader, "not-a-room-id", Cancelled));

        Assert.Contains("GET /_matrix/client/v3/rooms/not-a-room-id/state answered 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("M_INVALID_PARAM", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Member(string stateKey, string sender, JsonObject content) => new()
    {
        ["type"] = MatrixClientApi.CallMemberEventType,
        ["state_key"] = stateKey,
        ["sender"] = sender,
        ["content"] = content,
    };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }
}
