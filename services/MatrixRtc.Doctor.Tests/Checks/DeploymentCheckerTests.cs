using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Checks;
using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.Tests.Fakes;

namespace MatrixRtc.Doctor.Tests.Checks;

public sealed class DeploymentCheckerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DeploymentReport> RunAsync(DeploymentCheckOptions options)
    {
        using var http = DoctorHttpClient.Create();
        return await new DeploymentChecker(http).RunAsync(options, Ct);
    }

    private static void AssertOutcome(DeploymentReport report, string id, CheckOutcome expected)
    {
        var check = report[id];
        Assert.NotNull(check);
        Assert.True(check.Outcome == expected, $"{id}: expected {expected}, got {check.Outcome}: {check.Finding}");
    }

    [Fact]
    public async Task Healthy_deployment_passes_every_check()
    {
        await using var lab = await FakeDeployment.StartAsync();

        var report = await RunAsync(lab.Options());

        foreach (var id in new[]
        {
            "wk.server", "wk.client", "wk.client.cors", "wk.rtc_foci", "fed.keys", "fed.version", "cs.versions",
            "cs.delayed_events", "auth.metadata", "auth.oidc", "rtc.transports", "rtc.consistent", "rtc.openid",
            "rtc.userinfo", "jwt.health", "jwt.route", "jwt.cors", "jwt.token", "jwt.token.legacy", "lk.health", "lk.validate", "cs.registration",
            "lk.auto_create", "lk.api",
        })
        {
            AssertOutcome(report, id, CheckOutcome.Pass);
        }

        AssertOutcome(report, "turn.hs", CheckOutcome.Info);
        AssertOutcome(report, "cs.sticky_events", CheckOutcome.Info);
        AssertOutcome(report, "cs.directory", CheckOutcome.Info);
        AssertOutcome(report, "cs.delayed_events.live", CheckOutcome.Skip); // needs --room
        Assert.False(report.HasFailures);
        Assert.DoesNotContain(report.Checks, c => c.Outcome is CheckOutcome.Warn or CheckOutcome.Fail || (c.Outcome == CheckOutcome.Skip && c.Id != "cs.delayed_events.live"));
    }

    [Fact]
    public async Task The_token_exchange_asks_for_a_fresh_room_and_LiveKit_validates_the_issued_token()
    {
        await using var lab = await FakeDeployment.StartAsync();

        await RunAsync(lab.Options(withLiveKitKeys: false));

        var legacy = JsonNode.Parse(Assert.Single(lab.AuthService.Server.Requests, r => r.Method == "POST" && r.Path == "/sfu/get").Body)!;
        var exchange = Assert.Single(lab.AuthService.Server.Requests, r => r.Method == "POST" && r.Path == "/get_token");
        var body = JsonNode.Parse(exchange.Body)!;
        Assert.StartsWith("!rtc-doctor-", (string?)body["room_id"]);
        Assert.Equal("m.call#ROOM", (string?)body["slot_id"]);
        Assert.Equal(lab.Alice, (string?)body["member"]!["claimed_user_id"]);
        Assert.Equal(lab.ServerName, (string?)body["openid_token"]!["matrix_server_name"]);
        Assert.Equal((string?)body["room_id"], (string?)legacy["room"]);
        Assert.Contains(lab.LiveKit.Server.Requests, r => r.Path == "/rtc/validate" && r.Query.Contains("access_token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_credentials_the_authenticated_checks_are_skipped_not_failed()
    {
        await using var lab = await FakeDeployment.StartAsync();

        var report = await RunAsync(lab.Options() with { UserId = null, AccessToken = null, LiveKitKey = null, LiveKitSecret = null });

        AssertOutcome(report, "rtc.transports", CheckOutcome.Skip);
        AssertOutcome(report, "jwt.token", CheckOutcome.Skip);
        AssertOutcome(report, "jwt.health", CheckOutcome.Pass); // found through the well-known rtc_foci
        Assert.False(report.HasFailures);
    }

    // ---- warn ----

    [Fact]
    public async Task Missing_server_well_known_warns_and_falls_back_to_port_8448()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.ServeServerWellKnown = false;

        var report = await RunAsync(lab.Options() with { FederationUrl = lab.Homeserver.BaseUrl });

        AssertOutcome(report, "wk.server", CheckOutcome.Warn);
        Assert.Contains(":8448", report["wk.server"]!.Finding, StringComparison.Ordinal);
        Assert.NotNull(report["wk.server"]!.Fix);
        AssertOutcome(report, "fed.keys", CheckOutcome.Pass);
    }

    [Fact]
    public async Task Delegation_without_a_port_means_federation_on_8448()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.DelegatedServer = "matrix.lab.invalid";

        var report = await RunAsync(lab.Options() with { Timeout = TimeSpan.FromSeconds(2) });

        AssertOutcome(report, "wk.server", CheckOutcome.Pass);
        Assert.Contains("federation on matrix.lab.invalid:8448", report["wk.server"]!.Finding, StringComparison.Ordinal);
        AssertOutcome(report, "fed.keys", CheckOutcome.Fail);
        Assert.Contains("http://matrix.lab.invalid:8448/", report["fed.keys"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delayed_event_round_trip_schedules_lists_and_cancels()
    {
        await using var lab = await FakeDeployment.StartAsync();
        var room = lab.Homeserver.CreateRoom($"!diag:{lab.ServerName}", lab.Alice);

        var report = await RunAsync(lab.Options() with { RoomId = room.RoomId });

        AssertOutcome(report, "cs.delayed_events.live", CheckOutcome.Pass);
        Assert.Empty(lab.Homeserver.DelayedEvents); // cancelled: nothing will ever be sent
        var schedule = Assert.Single(lab.Homeserver.Server.Requests, r => r.Method == "PUT" && r.Path.Contains("/send/", StringComparison.Ordinal));
        Assert.Equal("?org.matrix.msc4140.delay=60000", schedule.Query);
        Assert.Contains(lab.Homeserver.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delayed_events_advertised_but_disallowed_fail_the_round_trip()
    {
        await using var lab = await FakeDeployment.StartAsync();
        var room = lab.Homeserver.CreateRoom($"!diag:{lab.ServerName}", lab.Alice);
        lab.Homeserver.DelayedEventsEnabled = false;

        var report = await RunAsync(lab.Options() with { RoomId = room.RoomId });

        AssertOutcome(report, "cs.delayed_events", CheckOutcome.Pass);
        AssertOutcome(report, "cs.delayed_events.live", CheckOutcome.Fail);
        Assert.Contains("disallowed", report["cs.delayed_events.live"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delayed_events_not_advertised_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.UnstableFeatures["org.matrix.msc4140"] = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "cs.delayed_events", CheckOutcome.Fail);
        Assert.True(report.HasFailures);
        Assert.Contains("max_event_delay_duration", report["cs.delayed_events"]!.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_registration_warns_without_creating_an_account()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RegistrationOpen = true;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "cs.registration", CheckOutcome.Warn);
        Assert.Contains("m.login.dummy", report["cs.registration"]!.Finding, StringComparison.Ordinal);
        Assert.Equal("{}", Assert.Single(lab.Homeserver.Server.Requests, r => r.Path == "/_matrix/client/v3/register").Body);
    }

    [Fact]
    public async Task Auth_service_without_the_legacy_endpoint_warns()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.AuthService.LegacyEndpoint = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "jwt.token", CheckOutcome.Pass);
        AssertOutcome(report, "jwt.token.legacy", CheckOutcome.Warn);
        AssertOutcome(report, "jwt.route", CheckOutcome.Warn);
    }

    [Fact]
    public async Task Missing_rtc_foci_and_empty_transports_warn()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RtcFoci = null;
        lab.Homeserver.Transports = [];

        var report = await RunAsync(lab.Options() with { AuthServiceUrl = lab.AuthService.BaseUrl });

        AssertOutcome(report, "wk.rtc_foci", CheckOutcome.Warn);
        AssertOutcome(report, "rtc.transports", CheckOutcome.Warn);
    }

    [Fact]
    public async Task Transports_and_rtc_foci_naming_different_services_warns()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RtcFoci = [new JsonObject { ["type"] = "livekit", ["livekit_service_url"] = "https://elsewhere.example/livekit/jwt" }];

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "rtc.consistent", CheckOutcome.Warn);
    }

    [Fact]
    public async Task Restricted_user_warns_and_proves_auto_create_is_closed_without_keys()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.AuthService.FullAccess = false;

        var report = await RunAsync(lab.Options(withLiveKitKeys: false));

        AssertOutcome(report, "lk.validate", CheckOutcome.Warn);
        Assert.Contains("LIVEKIT_FULL_ACCESS_HOMESERVERS", report["lk.validate"]!.Fix, StringComparison.Ordinal);
        AssertOutcome(report, "lk.auto_create", CheckOutcome.Pass);
    }

    [Fact]
    public async Task Full_access_user_without_keys_cannot_judge_auto_create()
    {
        await using var lab = await FakeDeployment.StartAsync();

        var report = await RunAsync(lab.Options(withLiveKitKeys: false));

        AssertOutcome(report, "lk.validate", CheckOutcome.Pass);
        AssertOutcome(report, "lk.auto_create", CheckOutcome.Skip);
    }

    // ---- fail ----

    [Fact]
    public async Task Redirect_hop_without_CORS_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RedirectClientWellKnown = true;
        lab.Homeserver.RedirectHopCors = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "wk.client", CheckOutcome.Pass);
        AssertOutcome(report, "wk.client.cors", CheckOutcome.Fail);
        Assert.Contains("redirect #1", report["wk.client.cors"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_hop_with_CORS_passes()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RedirectClientWellKnown = true;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "wk.client.cors", CheckOutcome.Pass);
        Assert.Contains("1 redirect", report["wk.client.cors"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_without_CORS_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.ClientWellKnownCors = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "wk.client.cors", CheckOutcome.Fail);
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task Federation_keys_for_another_server_name_fail()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.KeysServerNameOverride = "other.example";

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "fed.keys", CheckOutcome.Fail);
    }

    [Fact]
    public async Task Transports_endpoint_not_served_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.Transports = null;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "rtc.transports", CheckOutcome.Fail);
        Assert.Contains("msc4143_enabled", report["rtc.transports"]!.Fix, StringComparison.Ordinal);
        AssertOutcome(report, "jwt.token", CheckOutcome.Pass); // still found through rtc_foci
    }

    [Fact]
    public async Task Delayed_event_limit_below_Element_Calls_delay_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.MaxDelayMs = 5_000;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "cs.delayed_events", CheckOutcome.Fail);
    }

    [Fact]
    public async Task Issuer_mismatch_between_homeserver_and_MAS_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.MasIssuerOverride = "http://[::]:8080/";

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "auth.oidc", CheckOutcome.Fail);
    }

    [Fact]
    public async Task Homeserver_without_MAS_is_information_only()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.Issuer = null;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "auth.metadata", CheckOutcome.Info);
        AssertOutcome(report, "auth.oidc", CheckOutcome.Skip);
    }

    [Fact]
    public async Task Broken_userinfo_fails_the_userinfo_check_and_the_token_exchange()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.UserInfoWorks = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "rtc.userinfo", CheckOutcome.Fail);
        AssertOutcome(report, "jwt.token", CheckOutcome.Fail);
        Assert.Contains("401", report["jwt.token"]!.Finding, StringComparison.Ordinal);
        Assert.Equal(KnownBreakages.UserInfoFailed, report["jwt.token"]!.Fix);
    }

    [Fact]
    public async Task Misrouted_auth_service_fails_routing()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.AuthService.Misrouted = true;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "jwt.health", CheckOutcome.Pass);
        AssertOutcome(report, "jwt.route", CheckOutcome.Fail);
        AssertOutcome(report, "jwt.cors", CheckOutcome.Fail);
    }

    [Fact]
    public async Task Auth_service_signing_with_a_key_LiveKit_does_not_know_fails_validation()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.AuthService.SigningSecret = "another-secret-entirely-0123456789";
        lab.AuthService.FullAccess = false;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "lk.validate", CheckOutcome.Fail);
        Assert.Contains("LIVEKIT_KEY", report["lk.validate"]!.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveKit_with_auto_create_on_fails()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.LiveKit.AutoCreate = true;

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "lk.auto_create", CheckOutcome.Fail);
        Assert.Contains("auto_create: false", report["lk.auto_create"]!.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_LiveKit_keys_given_to_the_doctor_fail_the_API_check()
    {
        await using var lab = await FakeDeployment.StartAsync();

        var report = await RunAsync(lab.Options() with { LiveKitSecret = "not-the-livekit-secret-at-all" });

        AssertOutcome(report, "lk.api", CheckOutcome.Fail);
        Assert.DoesNotContain("not-the-livekit-secret-at-all", report["lk.api"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_deployment_fails_with_a_clear_error_instead_of_throwing()
    {
        var report = await RunAsync(new DeploymentCheckOptions { ServerName = "127.0.0.1:1", ServerBaseUrl = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromSeconds(2) });

        AssertOutcome(report, "wk.server", CheckOutcome.Fail);
        Assert.Contains("connection refused", report["wk.server"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_fails_with_the_timeout()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.ServerWellKnownDelay = TimeSpan.FromSeconds(5);

        var report = await RunAsync(lab.Options() with { Timeout = TimeSpan.FromMilliseconds(300) });

        AssertOutcome(report, "wk.server", CheckOutcome.Fail);
        Assert.Contains("within 0.3 s", report["wk.server"]!.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_secret_appears_anywhere_in_the_report()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.UserInfoWorks = false; // error paths echo URLs that carry the OpenID token

        var report = await RunAsync(lab.Options());

        var text = string.Join("\n", report.Checks.Select(c => $"{c.Finding} {c.Fix} {c.Url}"));
        Assert.DoesNotContain(FakeDeployment.AliceToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.LiveKit.ApiSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("oidtok_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.Contains("access_token=***", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, null)]
    [InlineData("example.org", "@alice:example.org", null)]
    [InlineData("example.org", "alice:example.org", "token")]
    public async Task Inconsistent_options_are_usage_errors(string server, string? user, string? token)
    {
        using var http = DoctorHttpClient.Create();
        await Assert.ThrowsAsync<DoctorUsageException>(() =>
            new DeploymentChecker(http).RunAsync(new DeploymentCheckOptions { ServerName = server, UserId = user, AccessToken = token }, Ct));
    }

    [Fact]
    public async Task Malformed_documents_are_failed_findings_and_the_rest_of_the_report_survives()
    {
        await using var lab = await FakeDeployment.StartAsync();
        var room = lab.Homeserver.CreateRoom($"!diag:{lab.ServerName}", lab.Alice);
        var overrides = lab.Homeserver.Server.Overrides;
        overrides["GET /.well-known/matrix/client"] = (200, $$"""{"m.homeserver":"{{lab.Homeserver.BaseUrl}}"}""");
        overrides["GET /_matrix/federation/v1/version"] = (200, """{"server":"FakeSynapse 1.157"}""");
        overrides["GET /_matrix/client/v3/capabilities"] = (200, """{"capabilities":["org.matrix.msc4140.delayed_events"]}""");
        overrides["GET /_matrix/client/unstable/org.matrix.msc4140/delayed_events"] = (200, """{"delayed_events":[["not","an","object"],"x",7]}""");

        var report = await RunAsync(lab.Options() with { RoomId = room.RoomId });

        AssertOutcome(report, "wk.client", CheckOutcome.Fail);
        Assert.Contains("m.homeserver is missing or not a JSON object", report["wk.client"]!.Finding, StringComparison.Ordinal);
        AssertOutcome(report, "fed.version", CheckOutcome.Fail);
        AssertOutcome(report, "cs.delayed_events", CheckOutcome.Fail);
        Assert.Contains("/capabilities is not a JSON object", report["cs.delayed_events"]!.Finding, StringComparison.Ordinal);
        AssertOutcome(report, "cs.delayed_events.live", CheckOutcome.Warn);
        AssertOutcome(report, "jwt.token", CheckOutcome.Pass);
        AssertOutcome(report, "lk.api", CheckOutcome.Pass);
        Assert.DoesNotContain(report.Checks, c => c.Id.StartsWith("doctor.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirected_server_well_known_is_followed()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.RedirectServerWellKnown = true;
        lab.Homeserver.DelegatedServer = "matrix.lab.invalid:8448";

        var report = await RunAsync(lab.Options());

        AssertOutcome(report, "wk.server", CheckOutcome.Pass);
        Assert.Contains("m.server is matrix.lab.invalid:8448 (after 1 redirect(s))", report["wk.server"]!.Finding, StringComparison.Ordinal);
        Assert.Equal(2, lab.Homeserver.Server.Requests.Count(r => r.Path == "/.well-known/matrix/server"));
    }
}
