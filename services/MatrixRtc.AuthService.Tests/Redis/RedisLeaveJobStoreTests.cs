using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Redis;
using MatrixRtc.AuthService.Tests.DelayedLeave;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.Tests.Redis;

/// <summary>The Redis job store against a real redis-server on loopback.</summary>
public sealed class RedisLeaveJobStoreTests
{
    private const string GoWrittenField = "[\"hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY\",\"J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU\"]";

    // As Go's encoding/json writes a storedJob: 8000 ms in nanoseconds, nine fractional digits, a zone offset, & escaped.
    private const string GoWrittenValue =
        "{\"Params\":{\"DelayId\":\"syd_a\\u0026b\",\"DelayTimeout\":8000000000,\"ServerName\":\"127.0.0.1:40123\"," +
        "\"LiveKitRoom\":\"hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY\",\"LiveKitIdentity\":\"J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU\"}," +
        "\"RestartedAt\":\"2026-07-23T12:34:56.123456789+02:00\"}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<RedisLeaveJobStore> ConnectAsync(string url, TimeSpan? timeout = null)
    {
        var store = new RedisLeaveJobStore(url, NullLogger<RedisLeaveJobStore>.Instance, timeout);
        await store.InitializeAsync(Cancel);
        return store;
    }

    private static StoredLeaveJob Sample(string delayId = "syd_abc", string identity = "J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU") =>
        new(new LeaveJobParameters(delayId, TimeSpan.FromMilliseconds(8000), "example.com", "hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY", identity),
            new DateTimeOffset(2026, 7, 23, 10, 11, 12, TimeSpan.Zero).AddTicks(1234560));

    [Fact]
    public async Task A_saved_job_is_a_go_format_entry_in_the_jobs_hash_and_loads_back()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var store = await ConnectAsync(server.Url);
        await using var raw = await server.ConnectAsync();

        await store.SaveAsync(Sample(), Cancel);

        var hash = await raw.GetDatabase().HashGetAllAsync("lk-jwt:jobs");
        var entry = Assert.Single(hash);
        Assert.Equal(
            [GoWrittenField,
             "{\"Params\":{\"DelayId\":\"syd_abc\",\"DelayTimeout\":8000000000,\"ServerName\":\"example.com\"," +
             "\"LiveKitRoom\":\"hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY\",\"LiveKitIdentity\":\"J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU\"}," +
             "\"RestartedAt\":\"2026-07-23T10:11:12.123456Z\"}"],
            new[] { entry.Name, entry.Value }.Select(b => System.Text.Encoding.UTF8.GetString((byte[])b!)));
        Assert.Equal([Sample()], await store.LoadAllAsync(Cancel));

        await store.DeleteAsync(Sample().Key, Cancel);
        Assert.Empty(await store.LoadAllAsync(Cancel));
    }

    [Fact]
    public async Task An_entry_written_by_the_go_service_is_read()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var raw = await server.ConnectAsync();
        await raw.GetDatabase().HashSetAsync("lk-jwt:jobs", GoWrittenField, GoWrittenValue);
        await using var store = await ConnectAsync(server.Url);

        var job = Assert.Single(await store.LoadAllAsync(Cancel));

        Assert.Equal(
            new LeaveJobParameters("syd_a&b", TimeSpan.FromSeconds(8), "127.0.0.1:40123", "hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY", "J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU"),
            job.Parameters);
        Assert.Equal(new DateTimeOffset(2026, 7, 23, 10, 34, 56, TimeSpan.Zero).AddTicks(1234567), job.RestartedAt.ToUniversalTime());
        Assert.Equal(GoWrittenField, job.Key.ToGoJson());
    }

    [Fact]
    public async Task Unparseable_entries_are_skipped_and_left_in_place()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var raw = await server.ConnectAsync();
        await raw.GetDatabase().HashSetAsync("lk-jwt:jobs", [new("[\"r\",\"broken\"]", "{not json"), new("[\"r\",\"fraction\"]", "{\"Params\":{\"DelayTimeout\":1.5}}")]);
        await using var store = await ConnectAsync(server.Url);
        await store.SaveAsync(Sample(), Cancel);

        var jobs = await store.LoadAllAsync(Cancel);

        Assert.Equal([Sample()], jobs);
        Assert.Equal(3, await raw.GetDatabase().HashLengthAsync("lk-jwt:jobs"));
    }

    [Fact]
    public async Task Password_user_and_database_from_the_url_are_used()
    {
        await using var server = await RedisServerOrSkip.StartAsync("--requirepass", "s3cret", "--user", "alice", "on", ">wonderland", "~*", "&*", "+@all");

        await using (var store = await ConnectAsync($"redis://:s3cret@127.0.0.1:{server.Port}/3"))
        {
            await store.SaveAsync(Sample(), Cancel);
        }

        await using var alice = await ConnectAsync($"redis://alice:wonderland@127.0.0.1:{server.Port}/3");
        Assert.Single(await alice.LoadAllAsync(Cancel));
        await using var databaseZero = await ConnectAsync($"redis://alice:wonderland@127.0.0.1:{server.Port}");
        Assert.Empty(await databaseZero.LoadAllAsync(Cancel));
    }

    [Fact]
    public async Task A_unix_socket_url_works()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"lk-redis-{Guid.NewGuid():N}.sock");
        await using var server = await RedisServerOrSkip.StartAsync("--unixsocket", socket);
        try
        {
            await using var store = await ConnectAsync($"unix://{socket}?db=1");
            await store.SaveAsync(Sample(), Cancel);
            Assert.Single(await store.LoadAllAsync(Cancel));
        }
        finally
        {
            File.Delete(socket);
        }
    }

    [Fact]
    public async Task Start_up_failures_carry_the_go_service_messages_without_the_password()
    {
        await using var server = await RedisServerOrSkip.StartAsync("--requirepass", "right");

        var wrongPassword = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(
            () => ConnectAsync($"redis://:wrong@127.0.0.1:{server.Port}"));
        Assert.StartsWith($"store: Redis ping failed: 127.0.0.1:{server.Port}: AuthenticationFailure", wrongPassword.Message, StringComparison.Ordinal);

        var noPassword = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(() => ConnectAsync(server.Url));
        Assert.Contains("NOAUTH", noPassword.Message, StringComparison.Ordinal);

        await server.KillAsync();
        var down = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(() => ConnectAsync($"redis://:right@127.0.0.1:{server.Port}"));
        Assert.StartsWith($"store: Redis ping failed: 127.0.0.1:{server.Port}: UnableToConnect (Connect): ", down.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("right", down.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(() => ConnectAsync("redis://:hunter2@host/notadb"));
        Assert.Equal("store: invalid Redis URL \"redis://:***@host/notadb\": invalid database number: \"notadb\"", invalid.Message);
    }

    [Fact]
    public async Task A_command_to_a_server_that_does_not_answer_times_out()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(
            () => ConnectAsync($"redis://127.0.0.1:{port}", TimeSpan.FromMilliseconds(300)));

        Assert.Equal($"store: Redis ping failed: 127.0.0.1:{port}: no answer within 0.3 s", error.Message);
    }

    [Fact]
    public async Task While_redis_is_down_a_command_fails_after_the_command_timeout()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var store = await ConnectAsync(server.Url, TimeSpan.FromMilliseconds(500));
        await server.KillAsync();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => store.SaveAsync(Sample(), Cancel));

        Assert.Equal($"HSET on 127.0.0.1:{server.Port}: no answer within 0.5 s", error.Message);
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task After_a_redis_restart_the_next_write_reconnects_and_succeeds()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var store = await ConnectAsync(server.Url);
        await store.SaveAsync(Sample("before"), Cancel);

        await server.KillAsync();
        await server.StartAgainAsync();
        await store.SaveAsync(Sample("after", identity: "other"), Cancel);

        Assert.Equal(["after"], (await store.LoadAllAsync(Cancel)).Select(j => j.Parameters.DelayId));
    }

    [Fact]
    public async Task A_job_survives_a_redis_restart_and_a_service_restart_and_still_sends_the_leave()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using var store = await ConnectAsync(server.Url);
        await using var harness = await RegistryHarness.StartAsync(store);
        var job = RegistryHarness.Job("d1", timeoutMs: 2500);
        await harness.Registry.RegisterAsync(job, Cancel);
        harness.Webhook(job, ParticipantEvent.Connected);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count == 1, "the first restart");

        // Redis restarts empty (no persistence): the job's next restart rewrites its entry over a new connection.
        await server.KillAsync();
        await server.StartAgainAsync();
        await using var raw = await server.ConnectAsync();
        var field = LeaveJobKey.Of(job).ToGoJson();
        await Eventually.TrueAsync(
            () => raw.GetDatabase().HashExists("lk-jwt:jobs", field),
            "the entry rewritten after the Redis restart", TimeSpan.FromSeconds(4));

        // The service restarts: the job is resumed from Redis, connects by SFU lookup, and sends on leave.
        harness.LiveKit.DefaultPresence = ParticipantPresence.Present;
        var restartsBefore = harness.Homeserver.RequestsFor("d1", "restart").Count;
        await harness.RestartServiceAsync();
        Assert.Equal(1, harness.Registry.Count);
        await Eventually.TrueAsync(() => harness.Homeserver.RequestsFor("d1", "restart").Count > restartsBefore, "the resumed job's restart");
        harness.Webhook(job, ParticipantEvent.DisconnectedIntentionally);

        await Eventually.TrueAsync(
            () => !raw.GetDatabase().HashExists("lk-jwt:jobs", field), "the entry removed after the send");
        Assert.Single(harness.Homeserver.RequestsFor("d1", "send"));
    }
}
