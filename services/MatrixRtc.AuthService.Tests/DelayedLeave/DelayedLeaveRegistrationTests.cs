using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Redis;
using MatrixRtc.AuthService.Tests.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>AddDelayedLeave as the host uses it: the start-up service connects the store and restores jobs.</summary>
public sealed class DelayedLeaveRegistrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(string? redisUrl)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClientServerApiResolver>(new FakeClientServerApiResolver(new Uri("http://127.0.0.1:9")));
        services.AddSingleton<ILiveKitRoomService>(new FakeLiveKitRoomService());
        services.AddDelayedLeave(new DelayedLeaveOptions(), redisUrl);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Without_a_redis_url_nothing_is_persisted_and_start_up_succeeds()
    {
        await using var provider = Build(null);
        var startup = Assert.IsType<DelayedLeaveStartup>(Assert.Single(provider.GetServices<IHostedService>()));

        await startup.StartAsync(Cancel);

        Assert.IsType<NoLeaveJobStore>(provider.GetRequiredService<ILeaveJobStore>());
        Assert.Same(provider.GetRequiredService<LeaveJobRegistry>(), provider.GetRequiredService<ILeaveJobRegistry>());
        await startup.StopAsync(Cancel);
        await Assert.ThrowsAsync<LeaveJobRejectedException>(
            () => provider.GetRequiredService<ILeaveJobRegistry>().RegisterAsync(RegistryHarness.Job("d1"), Cancel));
    }

    [Fact]
    public async Task Start_up_purges_expired_jobs_and_resumes_the_others_before_it_returns()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        await using (var seed = new RedisLeaveJobStore(server.Url, NullLogger<RedisLeaveJobStore>.Instance))
        {
            await seed.InitializeAsync(Cancel);
            await seed.SaveAsync(new StoredLeaveJob(RegistryHarness.Job("expired", identity: "a", timeoutMs: 1000), DateTimeOffset.UtcNow.AddSeconds(-5)), Cancel);
            await seed.SaveAsync(new StoredLeaveJob(RegistryHarness.Job("valid", identity: "b", timeoutMs: 60_000), DateTimeOffset.UtcNow), Cancel);
        }

        await using var provider = Build(server.Url);
        var startup = provider.GetServices<IHostedService>().OfType<DelayedLeaveStartup>().Single();
        await startup.StartAsync(Cancel);

        var store = provider.GetRequiredService<ILeaveJobStore>();
        Assert.Equal(["valid"], (await store.LoadAllAsync(Cancel)).Select(j => j.Parameters.DelayId));
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, provider.GetRequiredService<LeaveJobRegistry>().StateOf("room", "b"));
        await startup.StopAsync(Cancel);
    }

    [Fact]
    public async Task An_unreachable_redis_stops_start_up_with_the_go_message()
    {
        await using var server = await RedisServerOrSkip.StartAsync();
        var url = server.Url;
        await server.KillAsync();
        await using var provider = Build(url);

        var error = await Assert.ThrowsAsync<LeaveJobStoreUnavailableException>(
            () => provider.GetServices<IHostedService>().OfType<DelayedLeaveStartup>().Single().StartAsync(Cancel));

        Assert.StartsWith("store: Redis ping failed: ", error.Message, StringComparison.Ordinal);
    }
}
