using System.Net;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.DelayedLeave;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>The delayed leave through the service: delegation, webhooks, restarts and the final send.</summary>
public sealed class DelegatedLeaveFlowTests : ServiceFixture
{
    private string Identity(string localpart = "alice") => LiveKitRoomNamer.ParticipantIdentity(Homeserver.UserId(localpart), "DEVICE", "member-1");

    private static string Room => LiveKitRoomNamer.RoomName("!room:example.com", "m.call#");

    private Task SendWebhookAsync(string type, string identity, string? reason = null, bool signed = true, string secret = TestKeys.Secret) =>
        Service.SendWebhookAsync(type, Room, identity, reason, signed, secret);

    [Fact]
    public async Task Join_restarts_the_delayed_event_and_an_intentional_leave_sends_it()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "leave-1", delayTimeout: 1500));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await SendWebhookAsync("participant_joined", Identity());
        await Eventually.TrueAsync(() => Homeserver.DelayedEventRequests("leave-1", "restart").Count >= 2,
            "two restarts within T + 2 s of the join", TimeSpan.FromSeconds(3.5));
        var restart = Homeserver.DelayedEventRequests("leave-1", "restart")[0];
        Assert.Equal("POST", restart.Method);
        Assert.Equal("{}", restart.Body);
        Assert.False(restart.HasAuthorization);

        await SendWebhookAsync("participant_left", Identity(), "CLIENT_INITIATED");
        await Eventually.TrueAsync(() => Homeserver.DelayedEventRequests("leave-1", "send").Count == 1, "the leave event is sent");
    }

    [Fact]
    public async Task Unsigned_or_forged_webhooks_are_answered_200_and_ignored()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "leave-2", delayTimeout: 60_000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await SendWebhookAsync("participant_joined", Identity(), signed: false);
        await SendWebhookAsync("participant_joined", Identity(), secret: "wrong-secret");
        await Task.Delay(700, TestContext.Current.CancellationToken);
        Assert.Empty(Homeserver.DelayedEventRequests("leave-2", "restart"));
        Assert.Contains(Service.Logs.Lines, l => l.Contains("Dropped a webhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_accepts_any_method_and_incomplete_signed_events_without_failing()
    {
        var body = """{"event":"participant_joined"}"""u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/sfu_webhook") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("Authorization", WebhookSigner.Sign(body, TestKeys.Key, TestKeys.Secret));
        using var response = await Service.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Connection_aborted_while_waiting_ends_the_job_without_sending()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "leave-3", delayTimeout: 60_000));
        await SendWebhookAsync("participant_connection_aborted", Identity(), "JOIN_FAILURE");
        await Task.Delay(700, TestContext.Current.CancellationToken);
        Assert.Empty(Homeserver.DelayedEventRequests("leave-3", "send"));
        Assert.Empty(Homeserver.DelayedEventRequests("leave-3", "restart"));
    }

    [Fact]
    public async Task Participant_who_never_joins_gets_the_leave_sent_after_the_timeout()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "leave-4", delayTimeout: 1000));
        await Eventually.TrueAsync(() => Homeserver.DelayedEventRequests("leave-4", "send").Count == 1, "send after T", TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Delegate_endpoint_answers_an_empty_object_and_finds_the_participant_on_the_sfu()
    {
        Sfu.FailWith = null;
        Sfu.Participants[(Room, Identity())] = true;
        using var response = await Service.PostAsync("/delegate_delayed_leave", ValidGetToken(delayId: "leave-5", delayTimeout: 2000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Sfu.Calls, c => c.Method == "CreateRoom");
        await Eventually.TrueAsync(() => Homeserver.DelayedEventRequests("leave-5", "restart").Count >= 1,
            "a restart once the SFU lookup finds the participant", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Delegate_endpoint_succeeds_while_the_sfu_is_down()
    {
        Sfu.FailWith = (503, "unavailable");
        using var response = await Service.PostAsync("/delegate_delayed_leave", ValidGetToken(delayId: "leave-6", delayTimeout: 60_000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, 1000L)]
    [InlineData("d", null)]
    [InlineData("d", 0L)]
    [InlineData("d", -1L)]
    public async Task Delegate_endpoint_requires_both_delay_parameters(string? delayId, long? delayTimeout)
    {
        using var response = await Service.PostAsync("/delegate_delayed_leave", ValidGetToken(delayId: delayId, delayTimeout: delayTimeout));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "The request body is missing `delay_id` or `delay_timeout`");
        Assert.Empty(Homeserver.Requests);
    }

    [Theory]
    [InlineData("id", "The request body `member` is missing `id`, `claimed_user_id` or `claimed_device_id`")]
    [InlineData("access_token", "The request body `openid_token` is missing `access_token` or `matrix_server_name`")]
    [InlineData("slot_id", "The request body is missing `room_id` or `slot_id`")]
    public async Task Delegate_endpoint_messages_have_no_article(string field, string message)
    {
        using var response = await Service.PostAsync("/delegate_delayed_leave", GetTokenTests.RemoveField(ValidGetToken(delayId: "d", delayTimeout: 1000), field));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", message);
    }

    [Fact]
    public async Task Delegate_endpoint_forbids_restricted_users()
    {
        await using var other = await FakeMatrixHomeserver.StartAsync();
        var body = TokenRequestBodies.GetToken(other.ServerName, other.IssueOpenIdToken("bob"), other.UserId("bob"), delayId: "d", delayTimeout: 5000);
        using var response = await Service.PostAsync("/delegate_delayed_leave", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.Forbidden, "M_FORBIDDEN", "Delegation of delayed events is only supported for full access users");
    }

    [Fact]
    public async Task Delegate_endpoint_needs_a_resolvable_client_server_api()
    {
        Homeserver.ServesClientWellKnown = false;
        using var response = await Service.PostAsync("/delegate_delayed_leave", ValidGetToken(delayId: "d", delayTimeout: 5000));
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "Unable to resolve client-server API");
    }

    [Fact]
    public async Task Delegate_endpoint_checks_the_claimed_user()
    {
        var body = TokenRequestBodies.GetToken(Homeserver.ServerName, Homeserver.IssueOpenIdToken("alice"), Homeserver.UserId("eve"), delayId: "d", delayTimeout: 5000);
        using var response = await Service.PostAsync("/delegate_delayed_leave", body);
        await AssertMatrixErrorAsync(response, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");
    }

    [Fact]
    public async Task Shutting_down_service_refuses_new_jobs_with_503()
    {
        await ((IAsyncDisposable)Service.Services.GetService(typeof(LeaveJobRegistry))!).DisposeAsync();
        using var response = await Service.PostAsync("/delegate_delayed_leave", ValidGetToken(delayId: "d", delayTimeout: 5000));
        await AssertMatrixErrorAsync(response, HttpStatusCode.ServiceUnavailable, "M_UNKNOWN", "Service is shutting down");
    }

    [Theory]
    [InlineData("WzFd.e30.xx")]
    [InlineData("a.b")]
    [InlineData("...")]
    public async Task Webhook_with_a_garbage_token_is_an_empty_200(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sfu_webhook") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Service.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Service.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_over_the_size_limit_is_dropped_with_an_empty_200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sfu_webhook") { Content = new ByteArrayContent(new byte[1_200_000]) };
        using var response = await Service.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Service.Logs.Lines, l => l.Contains("body too large", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(604_800_001L)]
    [InlineData(6_912_000_000L)] // 80 days: past what .NET timers can wait for 0.8 T
    [InlineData(9_000_000_000_000_000L)] // past TimeSpan
    public async Task Delay_timeouts_beyond_seven_days_are_refused_before_any_lookup(long delayTimeout)
    {
        foreach (var path in new[] { "/get_token", "/delegate_delayed_leave" })
        {
            using var response = await Service.PostAsync(path, ValidGetToken(delayId: "long", delayTimeout: delayTimeout));
            await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "`delay_timeout` must be at most 604800000 ms");
        }

        Assert.Empty(Homeserver.Requests);
        Assert.Empty(Sfu.Calls);
    }

    [Fact]
    public async Task A_seven_day_delay_timeout_is_accepted()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken(delayId: "week", delayTimeout: 604_800_000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
