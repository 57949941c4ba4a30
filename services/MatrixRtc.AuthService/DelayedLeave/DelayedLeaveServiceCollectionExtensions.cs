using MatrixRtc.AuthService.Redis;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

public static class DelayedLeaveServiceCollectionExtensions
{
    /// <summary>
    /// Registers the delegated-leave engine: <see cref="ILeaveJobRegistry"/> (a singleton
    /// <see cref="LeaveJobRegistry"/>), the job store (Redis when <paramref name="redisUrl"/> is set,
    /// else none), <see cref="IDelayedEventClient"/> with its named HttpClient
    /// <see cref="DelayedEventClient.HttpClientName"/>, and <see cref="DelayedLeaveStartup"/>, which
    /// connects the store and restores jobs before the web server starts. The host must also register
    /// <see cref="Matrix.IClientServerApiResolver"/> and <see cref="LiveKit.ILiveKitRoomService"/>.
    /// </summary>
    public static IServiceCollection AddDelayedLeave(this IServiceCollection services, DelayedLeaveOptions options, string? redisUrl)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AuthServiceMetrics>();
        services.AddHttpClient(DelayedEventClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IDelayedEventClient>(sp => new DelayedEventClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            Random.Shared,
            sp.GetRequiredService<ILogger<DelayedEventClient>>()));

        if (string.IsNullOrEmpty(redisUrl))
        {
            services.AddSingleton<ILeaveJobStore, NoLeaveJobStore>();
        }
        else
        {
            services.AddSingleton<ILeaveJobStore>(sp => new RedisLeaveJobStore(redisUrl, sp.GetRequiredService<ILogger<RedisLeaveJobStore>>()));
        }

        services.AddSingleton<LeaveJobRegistry>();
        services.AddSingleton<ILeaveJobRegistry>(sp => sp.GetRequiredService<LeaveJobRegistry>());
        services.AddHostedService<DelayedLeaveStartup>();
        return services;
    }
}
