using System.Text.Json.Nodes;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Matrix;
using MatrixRtc.Doctor.Memberships;
using static MatrixRtc.Doctor.Tests.Fakes.Memberships;

namespace MatrixRtc.Doctor.Tests.Memberships;

public sealed class MembershipClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Joined = ["@alice:hs", "@bob:hs"];

    private static CallMembership State(string stateKey, JsonObject content, DateTimeOffset sent, string sender = "@alice:hs") =>
        MembershipClassifier.Classify(new RoomEvent(StateType, stateKey, sender, "$e", Ms(sent), content), Joined, Now);

    [Fact]
    public void Gen1_mesh_is_legacy_active_until_its_device_expires()
    {
        Assert.Equal(MembershipClass.LegacyActive, State("@alice:hs", Mesh("DEV", Now.AddMinutes(5)), Now.AddHours(-1)).Class);
        var expired = State("@alice:hs", Mesh("DEV", Now.AddMinutes(-5)), Now.AddHours(-1));
        Assert.Equal(MembershipClass.LegacyExpired, expired.Class);
        Assert.Equal(MembershipGeneration.Mesh, expired.Generation);
    }

    [Fact]
    public void Gen2_legacy_array_expires_at_created_plus_expires()
    {
        var active = State("@alice:hs", LegacyArray("DEV", Now.AddMinutes(-30), TimeSpan.FromHours(1)), Now.AddMinutes(-30));
        Assert.Equal((MembershipGeneration.LegacyArray, MembershipClass.LegacyActive), (active.Generation, active.Class));
        Assert.Equal(Now.AddMinutes(30), active.ExpiresAt);
        Assert.Equal(MembershipClass.LegacyExpired, State("@alice:hs", LegacyArray("DEV", Now.AddHours(-2), TimeSpan.FromHours(1)), Now.AddHours(-2)).Class);
        Assert.Equal(MembershipClass.Empty, State("@alice:hs", new JsonObject { ["memberships"] = new JsonArray() }, Now).Class);
    }

    [Fact]
    public void Gen3_session_without_created_ts_expires_four_hours_after_it_was_sent()
    {
        var m = State(Gen3Key("@alice:hs", "DEV"), Session("@alice:hs", "DEV", expires: null), Now.AddHours(-3));
        Assert.Equal((MembershipGeneration.Session, MembershipClass.Active), (m.Generation, m.Class));
        Assert.Equal(Now.AddHours(1), m.ExpiresAt);
        Assert.Equal("DEV", m.DeviceId);
        Assert.Equal("@alice:hs:DEV", m.LiveKitIdentity);
        Assert.Equal(MembershipClass.Expired, State(Gen3Key("@alice:hs", "DEV"), Session("@alice:hs", "DEV"), Now.AddHours(-4)).Class);
    }

    [Fact]
    public void Gen4_session_keeps_counting_from_created_ts_across_refreshes()
    {
        // Refreshed 10 minutes ago with expires grown to 8 h, created 7 h ago: valid for one more hour.
        var m = State(Gen4Key("@alice:hs", "DEV"), Session("@alice:hs", "DEV", TimeSpan.FromHours(8), Now.AddHours(-7)), Now.AddMinutes(-10));
        Assert.Equal((MembershipGeneration.SessionWithSlot, MembershipClass.Active), (m.Generation, m.Class));
        Assert.Equal(Now.AddHours(1), m.ExpiresAt);
    }

    [Fact]
    public void Session_of_a_user_who_left_is_orphaned_and_broken_content_is_invalid()
    {
        Assert.Equal(MembershipClass.Orphaned, State(Gen4Key("@carol:hs", "DEV"), Session("@carol:hs", "DEV"), Now, sender: "@carol:hs").Class);
        var broken = Session("@alice:hs", "DEV");
        broken.Remove("device_id");
        Assert.Equal(MembershipClass.Invalid, State(Gen4Key("@alice:hs", "DEV"), broken, Now).Class);
    }

    [Fact]
    public void Leaves_of_every_state_generation_are_empty()
    {
        Assert.Equal(MembershipClass.Empty, State(Gen4Key("@alice:hs", "DEV"), [], Now).Class);
        Assert.Equal(MembershipClass.Empty, State(Gen3Key("@alice:hs", "DEV"), new JsonObject { ["leave_reason"] = "m.lost_connection" }, Now).Class);
        Assert.Equal(MembershipGeneration.LegacyArray, State("@alice:hs", [], Now).Generation);
    }

    [Fact]
    public void Gen5_sticky_member_counts_while_sticky_and_carries_the_hashed_identity()
    {
        RoomEvent Sticky(JsonObject content, DateTimeOffset sent, string sender = "@bob:hs") =>
            new("m.rtc.member", null, sender, "$s", Ms(sent), content) { StickyDurationMs = 3_600_000 };

        var active = MembershipClassifier.Classify(Sticky(Fakes.Memberships.Sticky("@bob:hs", "BOBDEV", "m1"), Now.AddMinutes(-30)), Joined, Now);
        Assert.Equal((MembershipGeneration.Sticky, MembershipClass.Active), (active.Generation, active.Class));
        Assert.Equal(LiveKitNames.HashedIdentity("@bob:hs", "BOBDEV", "m1"), active.LiveKitIdentity);
        Assert.Equal(MembershipClass.Expired, MembershipClassifier.Classify(Sticky(Fakes.Memberships.Sticky("@bob:hs", "BOBDEV", "m1"), Now.AddMinutes(-61)), Joined, Now).Class);
        Assert.Equal(MembershipClass.Empty, MembershipClassifier.Classify(Sticky(new JsonObject { ["msc4354_sticky_key"] = "m1" }, Now), Joined, Now).Class);
        Assert.Equal(MembershipClass.Invalid, MembershipClassifier.Classify(Sticky(Fakes.Memberships.Sticky("@alice:hs", "DEV", "m2"), Now), Joined, Now).Class);
    }
}
