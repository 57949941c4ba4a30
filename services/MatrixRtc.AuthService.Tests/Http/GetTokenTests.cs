using System.Net;
using System.Text.Json;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>POST /get_token.</summary>
public sealed class GetTokenTests : ServiceFixture
{
    [Fact]
    public async Task Full_access_user_gets_url_and_token_and_the_room_is_created()
    {
        var token = Homeserver.IssueOpenIdToken("alice");
        var body = TokenRequestBodies.GetToken(Homeserver.ServerName, token, Homeserver.UserId("alice"),
            roomId: "!room:example.com", slotId: "m.call#", deviceId: "DEVICE123", memberId: "memberABC");
        using var response = await Service.PostAsync("/get_token", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(Sfu.WsUrl, json.RootElement.GetProperty("url").GetString());

        var expectedRoom = "hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY"; // ["!room:example.com","m.call#"]
        var expectedIdentity = LiveKitRoomNamer.ParticipantIdentity(Homeserver.UserId("alice"), "DEVICE123", "memberABC");
        var claims = Hs256Jwt.Verify(json.RootElement.GetProperty("jwt").GetString()!, iss => iss == TestKeys.Key ? TestKeys.Secret : null);
        Assert.Equal(expectedIdentity, claims.GetProperty("sub").GetString());
        Assert.Equal(expectedRoom, claims.GetProperty("video").GetProperty("room").GetString());

        var userInfo = Assert.Single(Homeserver.UserInfoRequests);
        Assert.Equal($"/_matrix/federation/v1/openid/userinfo?access_token={token}", userInfo.RawTarget);
        Assert.Equal(Homeserver.ServerName, userInfo.Host);
        Assert.False(userInfo.HasAuthorization);
        Assert.Equal("HTTP/2", userInfo.Protocol); // negotiated over TLS, as upstream attempts

        var create = Assert.Single(Sfu.Calls);
        Assert.Equal("CreateRoom", create.Method);
        Assert.Equal(expectedRoom, create.Fields[1]);
    }

    [Fact]
    public async Task Access_token_is_url_encoded_in_the_userinfo_query()
    {
        using var response = await Service.PostAsync("/get_token",
            TokenRequestBodies.GetToken(Homeserver.ServerName, "a b&c=d/é", Homeserver.UserId("alice")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/_matrix/federation/v1/openid/userinfo?access_token=a%20b%26c%3Dd%2F%C3%A9", Assert.Single(Homeserver.UserInfoRequests).RawTarget);
    }

    [Fact]
    public async Task Restricted_user_gets_a_token_without_any_sfu_call()
    {
        await using var other = await FakeMatrixHomeserver.StartAsync();
        var body = TokenRequestBodies.GetToken(other.ServerName, other.IssueOpenIdToken("bob"), other.UserId("bob"));
        using var response = await Service.PostAsync("/get_token", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Sfu.Calls);
    }

    [Theory]
    [InlineData("room_id", "The request body is missing `room_id` or `slot_id`")]
    [InlineData("slot_id", "The request body is missing `room_id` or `slot_id`")]
    [InlineData("id", "The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`")]
    [InlineData("claimed_user_id", "The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`")]
    [InlineData("claimed_device_id", "The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`")]
    [InlineData("access_token", "The request body `openid_token` is missing a `access_token` or `matrix_server_name`")]
    [InlineData("matrix_server_name", "The request body `openid_token` is missing a `access_token` or `matrix_server_name`")]
    public async Task Missing_fields_are_m_bad_json_before_any_lookup(string field, string message)
    {
        var body = RemoveField(ValidGetToken(), field);
        using var response = await Service.PostAsync("/get_token", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", message);
        Assert.Empty(Homeserver.Requests);
    }

    [Theory]
    [InlineData("d1", null)]
    [InlineData("d1", 0L)]
    [InlineData("d1", -5L)]
    [InlineData(null, 1000L)]
    public async Task Partial_delegation_is_m_bad_json(string? delayId, long? delayTimeout)
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: delayId, delayTimeout: delayTimeout));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "The request body is missing `delay_id` or `delay_timeout`");
        Assert.Empty(Homeserver.Requests);
    }

    [Fact]
    public async Task Non_positive_timeout_without_delay_id_is_ignored()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayTimeout: -1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Deprecated_cs_api_url_is_accepted_and_ignored()
    {
        var body = ValidGetToken(delayId: "d1", delayTimeout: 10_000).TrimEnd('}') + ",\"delay_cs_api_url\":\"https://evil.example\"}";
        using var response = await Service.PostAsync("/get_token", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Homeserver.Requests, r => r.RawTarget.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_openid_token_is_unauthorized()
    {
        using var response = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(Homeserver.ServerName, "forged", Homeserver.UserId("alice")));
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED", "The request could not be authorised.");
        Assert.Single(Homeserver.UserInfoRequests);
        Assert.Empty(Sfu.Calls);
    }

    [Fact]
    public async Task Claimed_user_other_than_the_token_owner_is_unauthorized()
    {
        var body = TokenRequestBodies.GetToken(Homeserver.ServerName, Homeserver.IssueOpenIdToken("alice"), Homeserver.UserId("mallory"));
        using var response = await Service.PostAsync("/get_token", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");
        Assert.Empty(Sfu.Calls);
    }

    [Theory]
    [InlineData("@alice:evil.example")]
    [InlineData("alice")]
    [InlineData("@alice:127.0.0.1")]
    public async Task User_of_another_server_is_unauthorized(string sub)
    {
        Homeserver.SubOverride = sub;
        using var response = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(Homeserver.ServerName, Homeserver.IssueOpenIdToken("alice"), sub));
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");
    }

    [Theory]
    [InlineData("127.0.0.1:1")] // nothing listens
    [InlineData("not a server name")]
    [InlineData("evil.example/path")]
    public async Task Unreachable_or_invalid_homeserver_is_unauthorized(string serverName)
    {
        using var response = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(serverName, "t", "@a:" + serverName));
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");
    }

    [Fact]
    public async Task Restricted_user_may_not_delegate()
    {
        await using var other = await FakeMatrixHomeserver.StartAsync();
        var body = TokenRequestBodies.GetToken(other.ServerName, other.IssueOpenIdToken("bob"), other.UserId("bob"), delayId: "d1", delayTimeout: 5000);
        using var response = await Service.PostAsync("/get_token", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "Delegation of delayed events is only supported for full access users");
        Assert.Single(other.UserInfoRequests);
        Assert.Empty(Sfu.Calls);
    }

    [Fact]
    public async Task Unresolvable_client_server_api_fails_delegation_before_the_room_exists()
    {
        Homeserver.ServesClientWellKnown = false;
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "d1", delayTimeout: 5000));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "Unable to resolve client-server API");
        Assert.Empty(Sfu.Calls);
    }

    [Fact]
    public async Task Sfu_failure_is_500_unable_to_create_room()
    {
        Sfu.FailWith = (500, "internal");
        using var response = await Service.PostAsync("/get_token", ValidGetToken());
        await AssertMatrixErrorAsync(response, HttpStatusCode.InternalServerError, "M_UNKNOWN", "Unable to create room on SFU");
    }

    [Fact]
    public async Task Each_request_validates_again_and_creates_the_room_once()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await Service.PostAsync("/get_token", ValidGetToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, Homeserver.UserInfoRequests.Count);
        Assert.Equal(3, Sfu.Calls.Count(c => c.Method == "CreateRoom"));
    }

    [Fact]
    public async Task Logs_never_contain_tokens_or_the_api_secret()
    {
        var openIdToken = Homeserver.IssueOpenIdToken("alice");
        using var ok = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(Homeserver.ServerName, openIdToken, Homeserver.UserId("alice")));
        var jwt = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("jwt").GetString()!;
        using var bad = await Service.PostAsync("/get_token", TokenRequestBodies.GetToken(Homeserver.ServerName, "secret-forged-token", Homeserver.UserId("alice")));

        var logs = string.Join('\n', Service.Logs.Lines);
        Assert.Contains("generated SFU access token", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(openIdToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-forged-token", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Secret, logs, StringComparison.Ordinal);
    }

    internal static string RemoveField(string json, string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var container in new[] { node, node["member"]!.AsObject(), node["openid_token"]!.AsObject() })
        {
            container.Remove(field);
        }

        return node.ToJsonString();
    }
}
