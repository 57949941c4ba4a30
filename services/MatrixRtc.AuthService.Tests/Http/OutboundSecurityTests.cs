using System.Net;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>TLS verification of outbound calls, and our two extensions: federation URL overrides and the private-address guard.</summary>
public sealed class OutboundSecurityTests : IAsyncLifetime
{
    private FakeSfu sfu = null!;

    public async ValueTask InitializeAsync() => sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);

    public async ValueTask DisposeAsync() => await sfu.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public async Task Self_signed_homeserver_is_refused_without_the_magic_value(string? skipVerify)
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync(tls: true);
        var env = AuthServiceUnderTest.Environment(sfu, homeserver.ServerName);
        if (skipVerify is null)
        {
            env.Remove("LIVEKIT_INSECURE_SKIP_VERIFY_TLS");
        }
        else
        {
            env["LIVEKIT_INSECURE_SKIP_VERIFY_TLS"] = skipVerify;
        }

        await using var service = await AuthServiceUnderTest.StartAsync(env);
        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken(homeserver.ServerName, homeserver.IssueOpenIdToken("alice"), homeserver.UserId("alice")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(homeserver.UserInfoRequests);
    }

    [Fact]
    public async Task Federation_override_reaches_a_plain_http_homeserver()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync(tls: false);
        var serverName = "lab.localhost";
        var env = AuthServiceUnderTest.Environment(sfu, serverName, ("LIVEKIT_FEDERATION_URL_OVERRIDES", $"{serverName}={homeserver.BaseUrl}"));
        env.Remove("LIVEKIT_INSECURE_SKIP_VERIFY_TLS");
        await using var service = await AuthServiceUnderTest.StartAsync(env);

        homeserver.SubOverride = "@alice:lab.localhost";
        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken(serverName, homeserver.IssueOpenIdToken("alice"), "@alice:lab.localhost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(homeserver.UserInfoRequests);
        Assert.Single(sfu.Calls);
    }

    [Fact]
    public async Task Private_address_guard_refuses_a_loopback_homeserver_before_connecting()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var service = await AuthServiceUnderTest.StartAsync(
            AuthServiceUnderTest.Environment(sfu, homeserver.ServerName, ("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", "true")));

        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken(homeserver.ServerName, homeserver.IssueOpenIdToken("alice"), homeserver.UserId("alice")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(homeserver.Requests);
        Assert.Contains(service.Logs.Lines, l => l.Contains("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Private_address_guard_trusts_operator_overrides()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync(tls: false);
        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, "lab.localhost",
            ("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", "true"), ("LIVEKIT_FEDERATION_URL_OVERRIDES", $"lab.localhost={homeserver.BaseUrl}")));
        homeserver.SubOverride = "@alice:lab.localhost";

        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken("lab.localhost", homeserver.IssueOpenIdToken("alice"), "@alice:lab.localhost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.BadRequest)]
    public async Task Private_address_guard_also_covers_client_server_api_discovery(bool guard, HttpStatusCode expected)
    {
        // userinfo goes to the trusted override; .well-known/matrix/client is discovered from the
        // server name localhost:<port>, which resolves to loopback.
        await using var homeserver = await FakeMatrixHomeserver.StartAsync(tls: true);
        var serverName = $"localhost:{homeserver.BaseUrl.Port}";
        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, serverName,
            ("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", guard ? "true" : "false"), ("LIVEKIT_FEDERATION_URL_OVERRIDES", $"{serverName}={homeserver.BaseUrl}")));
        homeserver.SubOverride = $"@alice:{serverName}";

        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken(serverName, homeserver.IssueOpenIdToken("alice"), $"@alice:{serverName}", delayId: "d", delayTimeout: 5000));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(!guard, homeserver.Requests.Any(r => r.RawTarget == "/.well-known/matrix/client"));
    }

    [Fact]
    public async Task Private_address_guard_trusts_the_cs_api_override_for_delayed_events()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync(tls: false);
        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, "lab.localhost",
            ("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", "true"),
            ("LIVEKIT_FEDERATION_URL_OVERRIDES", $"lab.localhost={homeserver.BaseUrl}"),
            ("LIVEKIT_CS_API_URL_OVERRIDES", $"lab.localhost={homeserver.BaseUrl}")));
        homeserver.SubOverride = "@alice:lab.localhost";
        var identity = MatrixRtc.AuthService.LiveKit.LiveKitRoomNamer.ParticipantIdentity("@alice:lab.localhost", "DEVICE", "member-1");
        sfu.Participants[(MatrixRtc.AuthService.LiveKit.LiveKitRoomNamer.RoomName("!room:example.com", "m.call#"), identity)] = true;

        using var response = await service.PostAsync("/delegate_delayed_leave",
            TokenRequestBodies.GetToken("lab.localhost", homeserver.IssueOpenIdToken("alice"), "@alice:lab.localhost", delayId: "guarded", delayTimeout: 10_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await MatrixRtc.AuthService.Tests.DelayedLeave.Eventually.TrueAsync(
            () => homeserver.DelayedEventRequests("guarded", "restart").Count >= 1, "a restart through the trusted override", TimeSpan.FromSeconds(5));
    }
}
