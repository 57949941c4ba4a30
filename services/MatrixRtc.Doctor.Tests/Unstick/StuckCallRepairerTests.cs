using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Memberships;
using MatrixRtc.Doctor.Tests.Fakes;
using MatrixRtc.Doctor.Unstick;
using static MatrixRtc.Doctor.Tests.Fakes.Memberships;

namespace MatrixRtc.Doctor.Tests.Unstick;

public sealed class StuckCallRepairerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<UnstickReport> RunAsync(UnstickOptions options)
    {
        using var http = DoctorHttpClient.Create();
        return await new StuckCallRepairer(http).RunAsync(options, Ct);
    }

    private static UnstickItem Item(UnstickReport report, string? stateKey) => report.Items.Single(i => i.Membership.StateKey == stateKey);

    [Fact]
    public async Task Gen4_member_missing_from_the_SFU_is_cleared_and_the_call_ends()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));

        var report = await RunAsync(s.Unstick(apply: true));

        var item = Item(report, key);
        Assert.True(s.Homeserver.Server.Failures.IsEmpty, string.Join("\n", s.Homeserver.Server.Failures));
        Assert.True(item.Outcome == UnstickOutcome.Cleared, item.Reason);
        Assert.Contains("not on the SFU", item.Reason, StringComparison.Ordinal);
        var write = Assert.Single(s.MembershipWrites);
        Assert.Equal("PUT", write.Method);
        Assert.EndsWith("/" + key, write.Path, StringComparison.Ordinal);
        Assert.Equal("{}", write.Body);
        Assert.Empty(s.Room.Get(StateType, key)!["content"]!.AsObject());
        Assert.Equal(item.NewEventId, (string?)s.Room.Get(StateType, key)!["event_id"]);
        Assert.True(report.CallActiveBefore);
        Assert.False(report.CallActiveAfter);
        Assert.False(report.HasFailures);
    }

    [Fact]
    public async Task Gen3_member_missing_from_the_SFU_is_cleared_while_a_live_member_stays()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var stale = s.Gen3("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var live = s.Gen4("erin", TimeSpan.FromMinutes(30), "ERINDEV");
        s.OnSfu(LiveKitNames.LegacyIdentity(s.User("erin"), "ERINDEV"));

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.Cleared, Item(report, stale).Outcome);
        Assert.Equal(UnstickOutcome.Skipped, Item(report, live).Outcome);
        Assert.Equal("live: on the SFU", Item(report, live).Reason);
        Assert.EndsWith("/" + stale, Assert.Single(s.MembershipWrites).Path, StringComparison.Ordinal);
        Assert.True(report.CallActiveAfter);
    }

    [Fact]
    public async Task Without_LiveKit_data_an_old_Gen3_member_is_only_suspect_until_forced()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen3("dave", TimeSpan.FromHours(3));

        var cautious = await RunAsync(s.Unstick(apply: true, withLiveKit: false));
        Assert.Equal(UnstickOutcome.Skipped, Item(cautious, key).Outcome);
        Assert.Contains("--force-suspect", Item(cautious, key).Reason, StringComparison.Ordinal);
        Assert.Empty(s.MembershipWrites);

        var forced = await RunAsync(s.Unstick(apply: true, withLiveKit: false) with { ForceSuspect = true });
        Assert.Equal(UnstickOutcome.Cleared, Item(forced, key).Outcome);
    }

    [Fact]
    public async Task A_member_inside_the_grace_period_is_never_stale()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromSeconds(5));

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.Skipped, Item(report, key).Outcome);
        Assert.Empty(s.MembershipWrites);
    }

    [Fact]
    public async Task Gen2_and_Gen1_keys_owned_by_others_are_denied_without_a_write_attempt()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var carol = s.Gen2("carol", TimeSpan.FromHours(3));
        var bob = s.Gen1("bob", TimeSpan.FromHours(3));

        var report = await RunAsync(s.Unstick(apply: true, withLiveKit: false) with { ForceSuspect = true });

        Assert.Equal(UnstickOutcome.Denied, Item(report, carol).Outcome);
        Assert.Contains("DENIED_OWNED", Item(report, carol).Reason, StringComparison.Ordinal);
        Assert.Equal(MembershipGeneration.LegacyArray, Item(report, carol).Membership.Generation);
        Assert.Equal(UnstickOutcome.Denied, Item(report, bob).Outcome);
        Assert.Equal(MembershipGeneration.Mesh, Item(report, bob).Membership.Generation);
        Assert.Empty(s.MembershipWrites);
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task In_an_MSC3757_room_a_higher_power_level_may_clear_a_Gen2_key_owned_by_someone_else()
    {
        await using var s = await CallRoomScenario.StartAsync("org.matrix.msc3757.10");
        var carol = s.Gen2("carol", TimeSpan.FromHours(3));

        var report = await RunAsync(s.Unstick(apply: true, withLiveKit: false) with { ForceSuspect = true });

        Assert.Equal(UnstickOutcome.Cleared, Item(report, carol).Outcome);
        Assert.Empty(s.Room.Get(StateType, carol)!["content"]!.AsObject());
    }

    [Fact]
    public async Task The_callers_own_Gen1_key_is_cleared()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var mine = s.Gen1("admin", TimeSpan.FromHours(3));

        var report = await RunAsync(s.Unstick(apply: true, withLiveKit: false) with { ForceSuspect = true });

        Assert.Equal(UnstickOutcome.Cleared, Item(report, mine).Outcome);
        Assert.Single(s.MembershipWrites);
    }

    [Fact]
    public async Task Gen5_sticky_members_are_reported_but_never_written()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen5("frank", TimeSpan.FromMinutes(20));

        var report = await RunAsync(s.Unstick(apply: true) with { ForceSuspect = true, IncludeExpired = true });

        var item = Item(report, null);
        Assert.Equal(MembershipGeneration.Sticky, item.Membership.Generation);
        Assert.Equal(UnstickOutcome.Skipped, item.Outcome);
        Assert.Contains("only its sender", item.Reason, StringComparison.Ordinal);
        Assert.Empty(s.Homeserver.Server.Writes);
    }

    [Fact]
    public async Task Dry_run_plans_every_generation_and_writes_nothing()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var gen4 = s.Gen4("erin", TimeSpan.FromHours(3));
        var gen3 = s.Gen3("dave", TimeSpan.FromHours(3));
        var gen2 = s.Gen2("carol", TimeSpan.FromHours(3));
        var gen1 = s.Gen1("admin", TimeSpan.FromHours(3));
        s.Gen5("frank", TimeSpan.FromMinutes(20));
        s.Room.Write(s.User("gina"), StateType, Gen4Key(s.User("gina"), "OLD"), Session(s.User("gina"), "OLD"), DateTimeOffset.UtcNow.AddHours(-9));
        var before = s.Room.State.Select(e => e.ToJsonString()).Order().ToList();

        var report = await RunAsync(s.Unstick(apply: false) with { ForceSuspect = true, IncludeExpired = true });

        Assert.False(report.Applied);
        Assert.Equal(UnstickOutcome.Planned, Item(report, gen4).Outcome);
        Assert.Equal(UnstickOutcome.Planned, Item(report, gen3).Outcome);
        Assert.Equal(UnstickOutcome.Planned, Item(report, gen1).Outcome);
        Assert.Equal(UnstickOutcome.Planned, Item(report, Gen4Key(s.User("gina"), "OLD")).Outcome);
        Assert.Equal(UnstickOutcome.Denied, Item(report, gen2).Outcome);
        Assert.Equal(0, report.Writes);
        Assert.False(report.HasFailures);
        // The recorded traffic proves it: only reads reached the homeserver, only read methods reached LiveKit.
        Assert.Empty(s.Homeserver.Server.Writes);
        Assert.All(s.Homeserver.Server.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(s.LiveKit.Server.Requests, r => Assert.Matches("/twirp/livekit.RoomService/(ListRooms|ListParticipants)$", r.Path));
        Assert.Equal(before, s.Room.State.Select(e => e.ToJsonString()).Order());
    }

    [Fact]
    public async Task Second_run_is_a_no_op()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Gen3("dave", TimeSpan.FromMinutes(30));

        var first = await RunAsync(s.Unstick(apply: true));
        var writesAfterFirst = s.MembershipWrites.Count;
        var second = await RunAsync(s.Unstick(apply: true) with { IncludeExpired = true, ForceSuspect = true });

        Assert.Equal(2, first.Writes);
        Assert.Equal(2, writesAfterFirst);
        Assert.All(second.Items, i => Assert.Equal((MembershipClass.Empty, UnstickOutcome.Skipped), (i.Membership.Class, i.Outcome)));
        Assert.Equal(2, s.MembershipWrites.Count);
    }

    [Fact]
    public async Task Expired_and_orphaned_members_are_cleared_only_with_include_expired()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var expired = s.Gen4("erin", TimeSpan.FromHours(5));
        var orphaned = s.Gen4("olga", TimeSpan.FromMinutes(30));
        s.Room.Leave(s.User("olga"));

        var plain = await RunAsync(s.Unstick(apply: true));
        Assert.Equal((MembershipClass.Expired, UnstickOutcome.Skipped), (Item(plain, expired).Membership.Class, Item(plain, expired).Outcome));
        Assert.Equal((MembershipClass.Orphaned, UnstickOutcome.Skipped), (Item(plain, orphaned).Membership.Class, Item(plain, orphaned).Outcome));
        Assert.Empty(s.MembershipWrites);

        var cosmetic = await RunAsync(s.Unstick(apply: true) with { IncludeExpired = true });
        Assert.Equal(UnstickOutcome.Cleared, Item(cosmetic, expired).Outcome);
        Assert.Equal(UnstickOutcome.Cleared, Item(cosmetic, orphaned).Outcome);
    }

    [Fact]
    public async Task A_member_that_changed_after_planning_is_not_overwritten()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        var erin = s.User("erin");
        s.Homeserver.BeforeSingleStateRead = (room, stateKey) =>
        {
            if (stateKey == key)
            {
                room.Write(erin, StateType, key, Session(erin, "DEV")); // the client refreshed its membership
            }
        };

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.ChangedMeanwhile, Item(report, key).Outcome);
        Assert.Empty(s.MembershipWrites);
    }

    [Fact]
    public async Task A_key_that_cannot_be_re_read_fails_alone_and_the_others_are_still_cleared()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var broken = s.Gen4("erin", TimeSpan.FromMinutes(30));
        var fine = s.Gen3("dave", TimeSpan.FromMinutes(30));
        s.Homeserver.BrokenStateKey = broken;

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.Failed, Item(report, broken).Outcome);
        Assert.Contains("HTTP 500", Item(report, broken).Reason, StringComparison.Ordinal);
        Assert.Equal(UnstickOutcome.Cleared, Item(report, fine).Outcome);
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task Power_level_too_low_is_denied_before_writing()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Room.SetPowerLevels(new JsonObject
        {
            ["users"] = new JsonObject { [s.Admin] = 100 },
            ["state_default"] = 50,
            ["events"] = new JsonObject { [StateType] = 50 },
        });

        var report = await RunAsync(s.Unstick(apply: true, token: CallRoomScenario.ModToken));

        Assert.Equal(UnstickOutcome.Denied, Item(report, key).Outcome);
        Assert.Contains("PL_TOO_LOW", Item(report, key).Reason, StringComparison.Ordinal);
        Assert.Empty(s.MembershipWrites);
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task A_live_client_that_writes_its_membership_again_is_reported_as_rejoined()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        var erin = s.User("erin");
        s.Homeserver.AfterWrite[key] = (_, _) => Session(erin, "DEV");

        var report = await RunAsync(s.Unstick(apply: true) with { VerifyWait = TimeSpan.FromMilliseconds(50) });

        Assert.Equal(UnstickOutcome.Rejoined, Item(report, key).Outcome);
        Assert.True(report.CallActiveAfter);
    }

    [Fact]
    public async Task Rate_limited_writes_are_retried_after_the_advertised_delay()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Homeserver.RateLimitNextWrites = 2;

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.Cleared, Item(report, key).Outcome);
        Assert.Equal(3, s.MembershipWrites.Count);
    }

    [Fact]
    public async Task Members_of_another_call_or_application_are_never_cleared_as_not_on_the_SFU()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var roomCall = s.Gen4("erin", TimeSpan.FromMinutes(30), "ERINDEV");
        s.OnSfu(LiveKitNames.LegacyIdentity(s.User("erin"), "ERINDEV"));
        var breakout = s.Gen4("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var dave = s.User("dave");
        var breakoutContent = Session(dave, "DAVEDEV");
        breakoutContent["call_id"] = "breakout";
        s.Room.Write(dave, StateType, breakout, breakoutContent, DateTimeOffset.UtcNow.AddMinutes(-30));
        var whiteboard = s.Gen3("wendy", TimeSpan.FromMinutes(30), "WENDYDEV");
        var wendy = s.User("wendy");
        var whiteboardContent = Session(wendy, "WENDYDEV");
        whiteboardContent["application"] = "io.example.whiteboard";
        s.Room.Write(wendy, StateType, whiteboard, whiteboardContent, DateTimeOffset.UtcNow.AddMinutes(-30));

        var report = await RunAsync(s.Unstick(apply: true) with { ForceSuspect = true });

        Assert.Equal("m.call#breakout", Item(report, breakout).Membership.Slot);
        Assert.Null(Item(report, breakout).Membership.OnSfu);
        Assert.Equal(UnstickOutcome.Skipped, Item(report, breakout).Outcome);
        Assert.Contains("not the room call", Item(report, breakout).Reason, StringComparison.Ordinal);
        Assert.Equal("io.example.whiteboard#ROOM", Item(report, whiteboard).Membership.Slot);
        Assert.Null(Item(report, whiteboard).Membership.OnSfu);
        Assert.Equal(UnstickOutcome.Skipped, Item(report, whiteboard).Outcome);
        Assert.Equal(UnstickOutcome.Skipped, Item(report, roomCall).Outcome);
        Assert.Empty(s.MembershipWrites);
    }

    [Fact]
    public async Task Only_members_of_the_room_call_make_the_call_active()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var dave = s.User("dave");
        var content = Session(dave, "DAVEDEV");
        content["call_id"] = "breakout";
        s.Room.Write(dave, StateType, key, content, DateTimeOffset.UtcNow.AddMinutes(-30));

        var report = await RunAsync(s.Unstick(apply: false));

        Assert.Equal(MembershipClass.Active, Item(report, key).Membership.Class);
        Assert.False(report.CallActiveBefore);
    }

    private static string OnOtherSfu(CallRoomScenario s, string localpart, string device)
    {
        var user = s.Member(localpart);
        var key = Gen4Key(user, device);
        var content = Session(user, device);
        content["foci_preferred"]![0]!["livekit_service_url"] = "https://rtc.other.example/livekit/jwt";
        s.Room.Write(user, StateType, key, content, DateTimeOffset.UtcNow.AddMinutes(-30));
        return key;
    }

    [Fact]
    public async Task A_member_publishing_on_another_SFU_is_unknown_and_never_cleared()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var local = s.Gen3("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var remote = OnOtherSfu(s, "rita", "RITADEV");
        var options = s.Unstick(apply: true);

        var report = await RunAsync(options with { LiveKit = options.LiveKit! with { ServiceUrl = new Uri("https://RTC.lab.test/livekit/jwt/") } });

        Assert.Equal("https://rtc.other.example/livekit/jwt", Item(report, remote).Membership.TransportUrl);
        Assert.Null(Item(report, remote).Membership.OnSfu);
        Assert.Equal(UnstickOutcome.Skipped, Item(report, remote).Outcome);
        Assert.False(Item(report, local).Membership.OnSfu);
        Assert.Equal(UnstickOutcome.Cleared, Item(report, local).Outcome);
        Assert.EndsWith("/" + local, Assert.Single(s.MembershipWrites).Path, StringComparison.Ordinal);
        Assert.Contains(report.Notes, n => n.Contains("another (or no) auth service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_service_url_members_naming_different_SFUs_are_all_unknown()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var local = s.Gen3("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var remote = OnOtherSfu(s, "rita", "RITADEV");

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Null(Item(report, local).Membership.OnSfu);
        Assert.Null(Item(report, remote).Membership.OnSfu);
        Assert.Empty(s.MembershipWrites);
        Assert.Contains(report.Notes, n => n.Contains("--livekit-service-url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_LiveKit_room_for_the_call_is_noted()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(30));

        var report = await RunAsync(s.Unstick(apply: false));

        Assert.Contains(report.Notes, n => n.StartsWith("no LiveKit room matched", StringComparison.Ordinal) && n.Contains(s.LiveKitRoomName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_state_and_LiveKit_errors_are_read_without_crashing()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var erin = s.Member("erin");
        var key = Gen4Key(erin, "ERINDEV");
        var session = Session(erin, "ERINDEV", created: DateTimeOffset.UtcNow.AddMinutes(-30));
        var state = new JsonArray(
            new JsonObject { ["type"] = "m.room.create", ["state_key"] = "", ["sender"] = s.Admin, ["event_id"] = "$c", ["content"] = new JsonObject { ["room_version"] = 10 } },
            new JsonObject { ["type"] = "m.room.power_levels", ["state_key"] = "", ["sender"] = s.Admin, ["event_id"] = "$p", ["content"] = new JsonObject { ["users"] = new JsonArray(1, 2), ["events"] = "none" } },
            new JsonObject { ["type"] = "m.room.member", ["state_key"] = erin, ["sender"] = erin, ["event_id"] = "$m", ["content"] = new JsonObject { ["membership"] = "join" } },
            new JsonObject { ["type"] = 42, ["sender"] = erin, ["event_id"] = "$odd" },
            "not an event",
            new JsonObject
            {
                ["type"] = StateType, ["state_key"] = key, ["sender"] = erin, ["event_id"] = "$e",
                ["origin_server_ts"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds(), ["msc4354_sticky"] = "forever", ["content"] = session,
            });
        s.Homeserver.Server.Overrides[$"GET /_matrix/client/v3/rooms/{s.RoomId}/state"] = (200, state.ToJsonString());
        s.LiveKit.Server.Overrides["POST /twirp/livekit.RoomService/ListRooms"] = (500, """{"code":"internal","msg":{"nested":"object"}}""");

        var report = await RunAsync(s.Unstick(apply: false));

        var item = Assert.Single(report.Items);
        Assert.Equal(key, item.Membership.StateKey);
        Assert.Equal(MembershipClass.Active, item.Membership.Class);
        Assert.Contains(report.Notes, n => n.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_re_read_after_writing_keeps_the_report_of_what_was_written()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Homeserver.AfterWrite[key] = (hs, _) =>
        {
            hs.Server.Overrides[$"GET /_matrix/client/v3/rooms/{s.RoomId}/state"] = (502, """{"errcode":"M_UNKNOWN","error":"Bad gateway"}""");
            return null;
        };

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.Equal(UnstickOutcome.Cleared, Item(report, key).Outcome);
        Assert.NotNull(Item(report, key).NewEventId);
        Assert.Null(report.CallActiveAfter);
        Assert.False(report.Interrupted);
        Assert.Contains(report.Notes, n => n.Contains("call active after is unknown", StringComparison.Ordinal) && n.Contains("502", StringComparison.Ordinal));
    }

    /// <summary>The system clock, except that starting a timer (the verify wait) presses Ctrl+C.</summary>
    private sealed class CtrlCWhenWaiting(CancellationTokenSource ctrlC) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ctrlC.Cancel();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public async Task Ctrl_C_during_the_verify_wait_keeps_the_report_of_what_was_written()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        using var http = DoctorHttpClient.Create();
        var report = await new StuckCallRepairer(http, new CtrlCWhenWaiting(ctrlC))
            .RunAsync(s.Unstick(apply: true) with { VerifyWait = TimeSpan.FromMinutes(1) }, ctrlC.Token);

        Assert.True(ctrlC.IsCancellationRequested);
        Assert.Equal(UnstickOutcome.Cleared, Item(report, key).Outcome);
        Assert.Equal(1, report.Writes);
        Assert.True(report.Interrupted);
        Assert.Null(report.CallActiveAfter);
        Assert.Contains(report.Notes, n => n.StartsWith("interrupted", StringComparison.Ordinal));
    }

    /// <summary>The system clock, except that every timer fires at once; records how long each was asked to wait.</summary>
    private sealed class ImpatientClock : TimeProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> Waits { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Waits.Enqueue(dueTime);
            return base.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }

    [Fact]
    public async Task An_hour_long_Retry_After_is_waited_for_at_most_30_seconds()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Homeserver.RateLimitNextWrites = 1;
        s.Homeserver.RateLimitRetryAfterMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;
        var clock = new ImpatientClock();

        using var http = DoctorHttpClient.Create();
        var report = await new StuckCallRepairer(http, clock).RunAsync(s.Unstick(apply: true), Ct);

        Assert.Equal(UnstickOutcome.Cleared, Item(report, key).Outcome);
        Assert.Equal(2, s.MembershipWrites.Count);
        Assert.Contains(TimeSpan.FromSeconds(30), clock.Waits);
        Assert.DoesNotContain(clock.Waits, w => w > TimeSpan.FromSeconds(30) && w != Timeout.InfiniteTimeSpan);
    }

    private static JsonObject CallMemberNeedsModerator(string? listed = null) => new()
    {
        ["users"] = listed is null ? new JsonObject() : new JsonObject { [listed] = 50 },
        ["users_default"] = 0,
        ["state_default"] = 50,
        ["events"] = new JsonObject { [StateType] = 50 },
    };

    [Fact]
    public async Task In_a_room_version_12_room_the_creator_and_additional_creators_have_unlimited_power()
    {
        await using var s = await CallRoomScenario.StartAsync("12");
        var erin = s.Gen4("erin", TimeSpan.FromMinutes(30), "ERINDEV");
        s.Room.SetPowerLevels(CallMemberNeedsModerator());
        s.Room.AddCreator(s.Mod);

        var byCreator = await RunAsync(s.Unstick(apply: true) with { LiveKit = null, ForceSuspect = true, StaleAfter = TimeSpan.FromMinutes(1) });
        Assert.True(Item(byCreator, erin).Outcome == UnstickOutcome.Cleared, Item(byCreator, erin).Reason);

        var dave = s.Gen4("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        var byAdditionalCreator = await RunAsync(s.Unstick(apply: true, token: CallRoomScenario.ModToken) with { LiveKit = null, ForceSuspect = true, StaleAfter = TimeSpan.FromMinutes(1) });
        Assert.True(Item(byAdditionalCreator, dave).Outcome == UnstickOutcome.Cleared, Item(byAdditionalCreator, dave).Reason);
        Assert.Equal(2, s.MembershipWrites.Count);
    }

    [Fact]
    public async Task In_a_room_version_12_room_a_member_without_power_is_still_denied()
    {
        await using var s = await CallRoomScenario.StartAsync("12");
        var erin = s.Gen4("erin", TimeSpan.FromMinutes(30));
        s.Room.SetPowerLevels(CallMemberNeedsModerator());

        var report = await RunAsync(s.Unstick(apply: true, token: CallRoomScenario.ModToken) with { LiveKit = null, ForceSuspect = true, StaleAfter = TimeSpan.FromMinutes(1) });

        Assert.Equal(UnstickOutcome.Denied, Item(report, erin).Outcome);
        Assert.Contains("PL_TOO_LOW", Item(report, erin).Reason, StringComparison.Ordinal);
        Assert.Empty(s.MembershipWrites);
    }

    [Fact]
    public async Task In_an_MSC3757_room_the_callers_own_suffixed_key_is_cleared()
    {
        await using var s = await CallRoomScenario.StartAsync("org.matrix.msc3757.10");
        var mine = $"{s.Admin}_ADMINDEV_m.call"; // MSC3757 rooms: no leading underscore
        s.Room.Write(s.Admin, StateType, mine, Session(s.Admin, "ADMINDEV"), DateTimeOffset.UtcNow.AddMinutes(-30));

        var report = await RunAsync(s.Unstick(apply: true));

        Assert.True(Item(report, mine).Outcome == UnstickOutcome.Cleared, Item(report, mine).Reason);
        Assert.Empty(s.Room.Get(StateType, mine)!["content"]!.AsObject());
    }
}
