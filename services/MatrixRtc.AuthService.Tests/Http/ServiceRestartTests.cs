using System.Net;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.DelayedLeave;
using MatrixRtc.AuthService.Tests.Fakes;
using MatrixRtc.AuthService.Tests.Redis;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>Jobs surviving a restart, through the real service and a real redis-server: restart mid-job, restore before /healthz, bad Redis at start-up.</summary>
public sealed class ServiceRestartTests
{
    private static string Room => LiveKitRoomNamer.RoomName("!room:example.com", "m.call#");

    [Fact]
    public async Task A_job_survives_a_service_restart_and_the_leave_is_still_sent()
    {
        await using var redis = await RedisServerOrSkip.StartAsync();
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);
        var env = AuthServiceUnderTest.Environment(sfu, homeserver.ServerName, ("LIVEKIT_REDIS_URL", redis.Url));
        var identity = LiveKitRoomNamer.ParticipantIdentity(homeserver.UserId("alice"), "DEVICE", "member-1");
        var body = TokenRequestBodies.GetToken(homeserver.ServerName, homeserver.IssueOpenIdToken("alice"), homeserver.UserId("alice"),
            delayId: "survivor", delayTimeout: 30_000);

        await using (var first = await AuthServiceUnderTest.StartAsync(env))
        {
            using var response = await first.PostAsync("/get_token", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Single(await StoredFieldsAsync(redis));
        }

        await using var second = await AuthServiceUnderTest.StartAsync(env);
        Assert.Single(await StoredFieldsAsync(redis));
        await second.SendWebhookAsync("participant_joined", Room, identity);
        await Eventually.TrueAsync(() => homeserver.DelayedEventRequests("survivor", "restart").Count >= 1, "the restored job restarts the delayed event");
        await second.SendWebhookAsync("participant_left", Room, identity, "CLIENT_INITIATED");
        await Eventually.TrueAsync(() => homeserver.DelayedEventRequests("survivor", "send").Count == 1, "the restored job sends the leave");
        await Eventually.TrueAsync(() => StoredFieldsAsync(redis).GetAwaiter().GetResult().Count == 0, "the entry is removed after the send");
    }

    [Fact]
    public async Task Expired_jobs_are_purged_before_healthz_first_answers()
    {
        await using var redis = await RedisServerOrSkip.StartAsync();
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);
        var expired = """{"Params":{"DelayId":"old","DelayTimeout":1000000000,"ServerName":"x","LiveKitRoom":"r","LiveKitIdentity":"i"},"RestartedAt":"2020-01-01T00:00:00.123456789Z"}""";
        await using (var client = await redis.ConnectAsync())
        {
            await client.GetDatabase().HashSetAsync("lk-jwt:jobs", """["r","i"]""", expired);
        }

        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, homeserver.ServerName, ("LIVEKIT_REDIS_URL", redis.Url)));
        using var health = await service.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(await StoredFieldsAsync(redis));
        Assert.Empty(homeserver.Requests);
    }

    [Fact]
    public async Task Unreachable_redis_stops_start_up_with_the_upstream_message()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);
        var error = await Assert.ThrowsAsync<MatrixRtc.AuthService.DelayedLeave.LeaveJobStoreUnavailableException>(() =>
            AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, homeserver.ServerName, ("LIVEKIT_REDIS_URL", "redis://:hunter2@127.0.0.1:1/0"))));
        Assert.StartsWith("store: Redis ping failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> StoredFieldsAsync(RedisServerProcess redis)
    {
        await using var client = await redis.ConnectAsync();
        return [.. (await client.GetDatabase().HashKeysAsync("lk-jwt:jobs")).Select(field => field.ToString())];
    }
}
