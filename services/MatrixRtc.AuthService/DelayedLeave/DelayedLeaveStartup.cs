using Microsoft.Extensions.Hosting;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// Start-up and shut-down of the engine: connect the store (PING) and restore persisted jobs before
/// the web server starts (hosted services registered by the app start before Kestrel), so /healthz
/// never answers before expired jobs are purged; on stop, cancel every job without sending.
/// </summary>
/// <exception cref="LeaveJobStoreUnavailableException">From StartAsync: the Redis URL is invalid or PING failed.</exception>
public sealed class DelayedLeaveStartup(ILeaveJobStore store, LeaveJobRegistry registry) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await registry.RestoreAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await registry.DisposeAsync();
}
