using System.Net;
using System.Text.Json;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>The legacy POST /sfu/get.</summary>
public sealed class SfuGetTests : ServiceFixture
{
    [Fact]
    public async Task Identity_is_in_clear_and_the_room_uses_the_legacy_slot()
    {
        using var response = await Service.PostAsync("/sfu/get",
            TokenRequestBodies.SfuGet(Homeserver.ServerName, Homeserver.IssueOpenIdToken("alice"), room: "!room:example.com", deviceId: "DEVICE"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var claims = Hs256Jwt.Verify(json.RootElement.GetProperty("jwt").GetString()!, _ => TestKeys.Secret);
        Assert.Equal($"{Homeserver.UserId("alice")}:DEVICE", claims.GetProperty("sub").GetString());
        Assert.Equal("krj2dgxw2K6EOm9he4GfQJ6JsSVWfJ8a7BkyjZcSmxs", claims.GetProperty("video").GetProperty("room").GetString());
        Assert.Equal("krj2dgxw2K6EOm9he4GfQJ6JsSVWfJ8a7BkyjZcSmxs", Assert.Single(Sfu.Calls).Fields[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_device_gives_a_trailing_colon(string? deviceId)
    {
        using var response = await Service.PostAsync("/sfu/get", TokenRequestBodies.SfuGet(Homeserver.ServerName, Homeserver.IssueOpenIdToken("alice"), deviceId: deviceId));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{Homeserver.UserId("alice")}:", Hs256Jwt.Verify(json.RootElement.GetProperty("jwt").GetString()!, _ => TestKeys.Secret).GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("{}", "Missing room parameter")]
    [InlineData("{\"room\":\"\"}", "Missing room parameter")]
    [InlineData("{\"room\":\"!r:x\"}", "Missing OpenID token parameters")]
    [InlineData("{\"room\":\"!r:x\",\"openid_token\":{\"access_token\":\"t\"}}", "Missing OpenID token parameters")]
    [InlineData("{\"room\":\"!r:x\",\"openid_token\":{\"access_token\":\"t\",\"matrix_server_name\":\"x\"},\"delay_id\":\"d\"}", "The request body is missing `delay_id` or `delay_timeout`")]
    public async Task Validation(string body, string message)
    {
        using var response = await Service.PostAsync("/sfu/get", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", message);
        Assert.Empty(Homeserver.Requests);
    }

    [Fact]
    public async Task Any_valid_openid_token_is_enough()
    {
        using var response = await Service.PostAsync("/sfu/get", TokenRequestBodies.SfuGet(Homeserver.ServerName, Homeserver.IssueOpenIdToken("carol")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Forged_token_is_unauthorized()
    {
        using var response = await Service.PostAsync("/sfu/get", TokenRequestBodies.SfuGet(Homeserver.ServerName, "forged"));
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");
    }

    [Fact]
    public async Task Restricted_user_may_not_delegate()
    {
        await using var other = await FakeMatrixHomeserver.StartAsync();
        using var response = await Service.PostAsync("/sfu/get", TokenRequestBodies.SfuGet(other.ServerName, other.IssueOpenIdToken("bob"), delayId: "d", delayTimeout: 1000));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "Delegation of delayed events is only supported for full access users");
    }

    [Fact]
    public async Task New_and_legacy_clients_of_the_same_room_share_the_livekit_room()
    {
        using var legacy = await Service.PostAsync("/sfu/get", TokenRequestBodies.SfuGet(Homeserver.ServerName, Homeserver.IssueOpenIdToken("a"), room: "!same:x"));
        using var current = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(Homeserver.ServerName, Homeserver.IssueOpenIdToken("b"), Homeserver.UserId("b"), roomId: "!same:x", slotId: "m.call#ROOM"));
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var rooms = Sfu.Calls.Select(c => (string)c.Fields[1]).Distinct();
        Assert.Single(rooms);
    }
}
