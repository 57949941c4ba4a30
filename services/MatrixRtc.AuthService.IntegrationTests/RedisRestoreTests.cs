using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.Support;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Redis;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.IntegrationTests;

/// <summary>Delegated-leave jobs survive a restart of the service through the real Redis (container or local redis-server).</summary>
[Collection(IntegrationLabCollection.Name)]
public sealed class RedisRestoreTests(IntegrationLab lab)
{
    private const int RedisDatabase = 1;

    [Fact]
    public async Task Restarted_service_restores_the_job_from_redis_and_still_sends_the_leave()
    {
        lab.Require(LabServers.Synapse | LabServers.Redis);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(
            RedisConnectionOptions.Create(RedisEndpoint.Parse(lab.Redis.Url(RedisDatabase)), TimeSpan.FromSeconds(5)));
        var redis = connection.GetDatabase();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var roomId = await matrix.CreateRoomAsync(alice, cancellationToken);
        var room = LiveKitRoomNamer.RoomName(roomId, TokenRequest.Slot);
        var identity = LiveKitRoomNamer.ParticipantIdentity(alice.UserId, alice.DeviceId, TokenRequest.MemberId);
        var field = new LeaveJobKey(room, identity).ToGoJson();

        string jwt;
        CallMembership call;
        await using (var first = await lab.StartServiceAsync(ServerNames.Synapse, receiveWebhooks: true, RedisDatabase))
        {
            call = await CallMembership.JoinAsync(matrix, alice, roomId, first.Http.BaseAddress!, DelegatedLeaveTests.LeaveDelay);
            (jwt, _, _) = await DelegatedLeaveTests.GetDelegatingTokenAsync(first, matrix, call, DelegatedLeaveTests.LeaveDelay);
            Assert.Contains(field, await StoredFieldsAsync(redis));
        }

        // The first service is gone without sending anything: the job waits in Redis, the leave in Synapse.
        Assert.Contains(field, await StoredFieldsAsync(redis));
        var scheduled = await call.PendingLeaveAsync(matrix) ?? throw new InvalidOperationException("Synapse lost the delayed leave");
        Assert.False(await call.HasLeftAsync(matrix));

        await using var second = await lab.StartServiceAsync(ServerNames.Synapse, receiveWebhooks: true, RedisDatabase);
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, second.Jobs.StateOf(room, identity));
        Assert.Contains(field, await StoredFieldsAsync(redis));

        await DelegatedLeaveTests.ConnectAndLeaveAsync(lab, second, matrix, call, jwt, room, identity, scheduled.RunningSince);
        await Eventually.TrueAsync(async () => !(await StoredFieldsAsync(redis)).Contains(field),
            "the finished job is removed from Redis", TimeSpan.FromSeconds(10), () => second.Logs.Tail());
    }

    /// <summary>The fields of the service's job hash (<c>["room","identity"]</c> in Go JSON).</summary>
    private static async Task<IReadOnlyList<string>> StoredFieldsAsync(IDatabase redis) =>
        [.. (await redis.HashKeysAsync(RedisLeaveJobStore.HashKey)).Select(field => field.ToString())];
}
