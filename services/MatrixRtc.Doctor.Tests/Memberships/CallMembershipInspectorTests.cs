using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Matrix;
using MatrixRtc.Doctor.Memberships;
using MatrixRtc.Doctor.Tests.Fakes;

namespace MatrixRtc.Doctor.Tests.Memberships;

public sealed class CallMembershipInspectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_every_generation_and_matches_active_members_against_LiveKit()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var onSfu = s.Gen4("erin", TimeSpan.FromMinutes(10), "ERINDEV");
        var gone = s.Gen3("dave", TimeSpan.FromMinutes(30), "DAVEDEV");
        s.Gen2("carol", TimeSpan.FromMinutes(20));
        s.Gen1("bob", TimeSpan.FromMinutes(20));
        s.Gen5("frank", TimeSpan.FromMinutes(5), "FRANKDEV", "frank-member");
        s.OnSfu(LiveKitNames.LegacyIdentity(s.User("erin"), "ERINDEV"));
        s.OnSfu(LiveKitNames.HashedIdentity(s.User("frank"), "FRANKDEV", "frank-member"));
        s.OnSfu("@ghost:elsewhere:GHOSTDEV");

        using var http = DoctorHttpClient.Create();
        var report = await new CallMembershipInspector(http).InspectAsync(new CallInspectionOptions
        {
            HomeserverUrl = s.Homeserver.BaseUrl,
            AccessToken = CallRoomScenario.AdminToken,
            RoomId = s.RoomId,
            LiveKit = s.LiveKitCredentials,
        }, Ct);

        Assert.Equal(
            [MembershipGeneration.Mesh, MembershipGeneration.LegacyArray, MembershipGeneration.Session, MembershipGeneration.SessionWithSlot, MembershipGeneration.Sticky],
            report.Memberships.Select(m => m.Generation).Order());
        Assert.True(report.Memberships.Single(m => m.StateKey == onSfu).OnSfu);
        Assert.False(report.Memberships.Single(m => m.StateKey == gone).OnSfu);
        Assert.True(report.Memberships.Single(m => m.Generation == MembershipGeneration.Sticky).OnSfu);
        Assert.Null(report.Memberships.Single(m => m.Generation == MembershipGeneration.Mesh).OnSfu);
        Assert.Equal(["@ghost:elsewhere:GHOSTDEV"], report.GhostParticipants);
        Assert.StartsWith(s.LiveKitRoomName, report.LiveKitRoom);
        Assert.Contains("v0.4.3+", report.LiveKitRoom, StringComparison.Ordinal);
        Assert.True(report.CallActive);
        Assert.Empty(s.Homeserver.Server.Writes);
    }

    [Fact]
    public async Task A_LiveKit_room_named_by_an_older_auth_service_is_still_found()
    {
        await using var s = await CallRoomScenario.StartAsync();
        var key = s.Gen4("erin", TimeSpan.FromMinutes(10), "ERINDEV");
        s.LiveKit.Rooms[s.RoomId] = [LiveKitNames.LegacyIdentity(s.User("erin"), "ERINDEV")];

        using var http = DoctorHttpClient.Create();
        var report = await new CallMembershipInspector(http).InspectAsync(new CallInspectionOptions
        {
            HomeserverUrl = s.Homeserver.BaseUrl, AccessToken = CallRoomScenario.AdminToken, RoomId = s.RoomId, LiveKit = s.LiveKitCredentials,
        }, Ct);

        Assert.Contains("v0.3 or older", report.LiveKitRoom, StringComparison.Ordinal);
        Assert.True(report.Memberships.Single(m => m.StateKey == key).OnSfu);
    }

    [Fact]
    public async Task Wrong_LiveKit_secret_is_reported_without_showing_it()
    {
        await using var s = await CallRoomScenario.StartAsync();
        s.Gen4("erin", TimeSpan.FromMinutes(10));

        using var http = DoctorHttpClient.Create();
        var report = await new CallMembershipInspector(http).InspectAsync(new CallInspectionOptions
        {
            HomeserverUrl = s.Homeserver.BaseUrl, AccessToken = CallRoomScenario.AdminToken, RoomId = s.RoomId,
            LiveKit = s.LiveKitCredentials with { ApiSecret = "wrong-secret-value-123456" },
        }, Ct);

        Assert.Contains("401", report.LiveKitError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value-123456", report.LiveKitError, StringComparison.Ordinal);
        Assert.Null(report.Memberships.Single().OnSfu);
    }

    [Fact]
    public async Task Refused_token_and_foreign_room_are_homeserver_errors()
    {
        await using var s = await CallRoomScenario.StartAsync();
        using var http = DoctorHttpClient.Create();
        var inspector = new CallMembershipInspector(http);
        var options = new CallInspectionOptions { HomeserverUrl = s.Homeserver.BaseUrl, AccessToken = "syt_not_a_token_000000", RoomId = s.RoomId };

        var refused = await Assert.ThrowsAsync<MatrixApiException>(() => inspector.InspectAsync(options, Ct));
        Assert.Equal(401, refused.Status);
        Assert.DoesNotContain("syt_not_a_token_000000", refused.Message, StringComparison.Ordinal);

        var notJoined = await Assert.ThrowsAsync<MatrixApiException>(() => inspector.InspectAsync(options with { AccessToken = CallRoomScenario.AdminToken, RoomId = $"!other:{s.Homeserver.ServerName}" }, Ct));
        Assert.Equal(404, notJoined.Status);
    }
}
