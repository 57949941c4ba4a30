using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Cli;
using MatrixRtc.Doctor.Tests.Fakes;
using MembershipContent = MatrixRtc.Doctor.Tests.Fakes.Memberships;

namespace MatrixRtc.Doctor.Tests.Cli;

/// <summary>The real command-line entry, invoked in-process against the loopback fakes.</summary>
public sealed class CommandLineTests
{
    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DoctorCommandLine.RunAsync(args, output, error, cancellationToken: TestContext.Current.CancellationToken);
        // Kept in the test results: docs/rtc-doctor.md's sample output comes from here.
        TestContext.Current.TestOutputHelper?.WriteLine($"$ rtc-doctor {string.Join(' ', args)}\n{output}{error}(exit {code})");
        return new Run(code, output.ToString(), error.ToString());
    }

    private static string[] CheckArgs(FakeDeployment lab, params string[] extra) =>
    [
        "check", lab.ServerName, "--base-url", lab.Homeserver.BaseUrl.ToString(),
        "--user", lab.Alice, "--token", FakeDeployment.AliceToken,
        "--livekit-key", lab.LiveKit.ApiKey, "--livekit-secret", lab.LiveKit.ApiSecret, .. extra,
    ];

    [Fact]
    public async Task Check_of_a_healthy_deployment_exits_0_and_prints_every_check()
    {
        await using var lab = await FakeDeployment.StartAsync();

        var run = await RunAsync(CheckArgs(lab));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("✔ PASS lk.auto_create", run.Output, StringComparison.Ordinal);
        Assert.Contains("OK  24 passed, 0 warnings, 0 failed, 3 info, 1 skipped", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDeployment.AliceToken, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.LiveKit.ApiSecret, run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Check_with_a_joined_room_also_runs_the_delayed_event_round_trip()
    {
        await using var lab = await FakeDeployment.StartAsync();
        var room = lab.Homeserver.CreateRoom($"!diag:{lab.ServerName}", lab.Alice);

        var run = await RunAsync(CheckArgs(lab, "--room", room.RoomId));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("✔ PASS cs.delayed_events.live", run.Output, StringComparison.Ordinal);
        Assert.Contains("OK  25 passed, 0 warnings, 0 failed, 3 info, 0 skipped", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_failure_exits_1_and_names_the_fix()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.ClientWellKnownCors = false;
        lab.LiveKit.AutoCreate = true;

        var run = await RunAsync(CheckArgs(lab));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("✘ FAIL wk.client.cors", run.Output, StringComparison.Ordinal);
        Assert.Contains("fix: Set room.auto_create: false", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAILED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_json_is_machine_readable()
    {
        await using var lab = await FakeDeployment.StartAsync();
        lab.Homeserver.UnstableFeatures["org.matrix.msc4140"] = false;

        var run = await RunAsync(CheckArgs(lab, "--json"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode); // delayed events off is a FAIL
        var json = JsonNode.Parse(run.Output)!;
        Assert.False((bool?)json["ok"]);
        Assert.Equal(1, (int?)json["summary"]!["fail"]);
        var check = json["checks"]!.AsArray().Single(c => (string?)c!["id"] == "cs.delayed_events")!;
        Assert.Equal("fail", (string?)check["outcome"]);
        Assert.NotNull((string?)check["fix"]);
        Assert.DoesNotContain(FakeDeployment.AliceToken, run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("check")]
    [InlineData("check", "example.org", "--user", "@a:example.org")]
    [InlineData("check", "example.org", "--timeout", "soon")]
    [InlineData("check", "example.org", "--base-url", "not a url")]
    [InlineData("check", "example.org", "--no-such-option")]
    [InlineData("calls", "!room:example.org", "--token", "t")]
    [InlineData("calls", "room-without-bang", "--homeserver", "http://127.0.0.1:1", "--token", "t")]
    [InlineData("unstick", "!room:example.org", "--homeserver", "http://127.0.0.1:1")]
    [InlineData("unstick", "!room:example.org", "--homeserver", "http://127.0.0.1:1", "--token", "t", "--livekit-key", "k")]
    public async Task Usage_errors_exit_2_with_a_message(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("rtc-doctor: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parse_error_never_echoes_a_secret_option_value()
    {
        var run = await RunAsync("check", "example.org", "--token", "syt_secret_value_42", "syt_stray_argument", "--livekit-secret=lk_secret_value_42", "extra");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("syt_secret_value_42", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("lk_secret_value_42", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_with_a_refused_token_exits_2_without_printing_it()
    {
        await using var s = await CallRoomScenario.StartAsync();

        var run = await RunAsync("calls", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", "syt_wrong_but_secret_123");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("access token was refused", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("syt_wrong_but_secret_123", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_lists_memberships_with_their_classification()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30), "ERINDEV");
        s.Gen3("dave", TimeSpan.FromHours(5), "DAVEDEV");
        s.OnSfu($"{s.User("erin")}:ERINDEV");

        var human = await RunAsync("calls", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--livekit-url", s.LiveKit.SignallingUrl.ToString(), "--livekit-key", s.LiveKit.ApiKey, "--livekit-secret", s.LiveKit.ApiSecret);
        var json = await RunAsync("calls", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken, "--json");

        Assert.Equal(ExitCodes.Ok, human.ExitCode);
        Assert.Contains("call active", human.Output, StringComparison.Ordinal);
        Assert.Contains("expired", human.Output, StringComparison.Ordinal);
        var memberships = JsonNode.Parse(json.Output)!["memberships"]!.AsArray();
        Assert.Equal(["active", "expired"], memberships.Select(m => (string?)m!["class"]).Order());
        Assert.Equal("session_with_slot", (string?)memberships.Single(m => (string?)m!["class"] == "active")!["generation"]);
        Assert.Equal("m.call#ROOM", (string?)memberships.Single(m => (string?)m!["class"] == "active")!["slot"]);
        Assert.Contains("m.call#ROOM", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unstick_is_a_dry_run_by_default()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30));

        var run = await RunAsync("unstick", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--livekit-url", s.LiveKit.SignallingUrl.ToString(), "--livekit-key", s.LiveKit.ApiKey, "--livekit-secret", s.LiveKit.ApiSecret);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("1 membership(s) would be cleared; nothing was written", run.Output, StringComparison.Ordinal);
        Assert.Empty(s.Homeserver.Server.Writes);
    }

    [Fact]
    public async Task Unstick_apply_clears_and_exits_0()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30));

        var run = await RunAsync("unstick", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--livekit-url", s.LiveKit.SignallingUrl.ToString(), "--livekit-key", s.LiveKit.ApiKey, "--livekit-secret", s.LiveKit.ApiSecret,
            "--apply", "--verify-wait", "0s");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("1 membership(s) cleared; call active before: True, after: False", run.Output, StringComparison.Ordinal);
        Assert.Single(s.MembershipWrites);
    }

    [Fact]
    public async Task Unstick_apply_that_cannot_clear_a_stale_member_exits_1()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen2("carol", TimeSpan.FromHours(3));

        var run = await RunAsync("unstick", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--apply", "--force-suspect", "--verify-wait", "0s", "--json");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var item = JsonNode.Parse(run.Output)!["items"]!.AsArray().Single()!;
        Assert.Equal("denied", (string?)item["outcome"]);
        Assert.Equal("legacy_array", (string?)item["generation"]);
        Assert.Empty(s.MembershipWrites);
    }

    [Fact]
    public async Task Unstick_with_the_livekit_service_url_leaves_members_of_other_SFUs_alone()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var rita = s.Member("rita");
        var content = MembershipContent.Session(rita, "RITADEV");
        content["foci_preferred"]![0]!["livekit_service_url"] = "https://rtc.other.example/livekit/jwt";
        s.Room.Write(rita, MembershipContent.StateType, MembershipContent.Gen4Key(rita, "RITADEV"), content, DateTimeOffset.UtcNow.AddMinutes(-30));

        var run = await RunAsync("unstick", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--livekit-url", s.LiveKit.SignallingUrl.ToString(), "--livekit-key", s.LiveKit.ApiKey, "--livekit-secret", s.LiveKit.ApiSecret,
            "--livekit-service-url", "https://rtc.lab.test/livekit/jwt", "--apply", "--verify-wait", "0s");
        var alone = await RunAsync("calls", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
            "--livekit-service-url", "https://rtc.lab.test/livekit/jwt");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("0 membership(s) cleared", run.Output, StringComparison.Ordinal);
        Assert.Empty(s.MembershipWrites);
        Assert.Equal(ExitCodes.Usage, alone.ExitCode);
        Assert.Contains("--livekit-service-url needs --livekit-url", alone.Error, StringComparison.Ordinal);
    }

    /// <summary>Presses Ctrl+C when the first read after a state write is about to be sent (the final re-inspection).</summary>
    private sealed class CtrlCAfterWrite(CancellationTokenSource ctrlC) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        private bool _written;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_written && request.Method == HttpMethod.Get)
            {
                ctrlC.Cancel();
            }

            _written |= request.Method == HttpMethod.Put;
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Unstick_interrupted_after_writing_prints_what_was_written_and_exits_130()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30));
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var http = new HttpClient(new CtrlCAfterWrite(ctrlC));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DoctorCommandLine.RunAsync(
            ["unstick", s.RoomId, "--homeserver", s.Homeserver.BaseUrl.ToString(), "--token", CallRoomScenario.AdminToken,
             "--livekit-url", s.LiveKit.SignallingUrl.ToString(), "--livekit-key", s.LiveKit.ApiKey, "--livekit-secret", s.LiveKit.ApiSecret,
             "--apply", "--verify-wait", "0s", "--json"],
            output, error, http, ctrlC.Token);

        Assert.True(ctrlC.IsCancellationRequested);
        Assert.Equal(ExitCodes.Cancelled, code);
        var report = JsonNode.Parse(output.ToString())!;
        Assert.Equal(1, (int?)report["writes"]);
        Assert.True((bool?)report["interrupted"]);
        Assert.True((bool?)report["callActiveBefore"]);
        Assert.False(report.AsObject().ContainsKey("callActiveAfter")); // unknown: the re-read was interrupted
        Assert.Equal("cleared", (string?)report["items"]!.AsArray().Single()!["outcome"]);
    }

    /// <summary>A transport that fails in a way nobody foresaw, quoting the request's credentials in its message.</summary>
    private sealed class LeakyFailure : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"proxy plugin crashed on {request.RequestUri} holding {request.Headers.Authorization?.Parameter}");
    }

    [Fact]
    public async Task An_unexpected_error_is_printed_without_the_secrets_in_its_message()
    {
        const string token = "syt_unexpected_error_secret_42";
        using var http = new HttpClient(new LeakyFailure());
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DoctorCommandLine.RunAsync(
            ["calls", "!room:example.org", "--homeserver", "http://127.0.0.1:9/", "--token", token,
             "--livekit-url", "ws://127.0.0.1:9/", "--livekit-key", "lab-key", "--livekit-secret", "livekit-secret-value-0001"],
            output, error, http, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("unexpected error: InvalidOperationException: proxy plugin crashed", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.ToString(), StringComparison.Ordinal);
    }
}
