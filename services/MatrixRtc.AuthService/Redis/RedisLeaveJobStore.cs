using MatrixRtc.AuthService.DelayedLeave;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// Jobs in the Redis hash <c>lk-jwt:jobs</c>, in the Go service's format, so either service can take
/// over the other's jobs: field <c>["room","identity"]</c> (Go JSON), value <see cref="GoStoredJobFormat"/>.
/// </summary>
public sealed class RedisLeaveJobStore(string redisUrl, ILogger<RedisLeaveJobStore> logger, TimeSpan? commandTimeout = null)
    : ILeaveJobStore, IAsyncDisposable
{
    public const string HashKey = "lk-jwt:jobs";

    private RedisClient? client;

    /// <summary>Parses the URL and PINGs the server; the message of a failure is the Go service's.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        RedisEndpoint endpoint;
        try
        {
            endpoint = RedisEndpoint.Parse(redisUrl);
        }
        catch (FormatException e)
        {
            throw new LeaveJobStoreUnavailableException($"store: invalid Redis URL \"{RedisEndpoint.Redact(redisUrl)}\": {e.Message}", e);
        }

        var connected = new RedisClient(endpoint, commandTimeout ?? RedisClient.DefaultCommandTimeout);
        try
        {
            await connected.ExecuteAsync(["PING"], cancellationToken);
        }
        catch (RedisException e)
        {
            await connected.DisposeAsync();
            throw new LeaveJobStoreUnavailableException($"store: Redis ping failed: {e.Message}", e);
        }

        client = connected;
        logger.LogInformation("store: connected to Redis at {Address}", endpoint.Address);
    }

    public Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken) =>
        Client.ExecuteAsync(["HSET", HashKey, job.Key.ToGoJson(), GoStoredJobFormat.Encode(job)], cancellationToken);

    public Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken) =>
        Client.ExecuteAsync(["HDEL", HashKey, key.ToGoJson()], cancellationToken);

    public async Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var reply = await Client.ExecuteAsync(["HGETALL", HashKey], cancellationToken);
        var items = reply.Items ?? [];
        var jobs = new List<StoredLeaveJob>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            try
            {
                jobs.Add(GoStoredJobFormat.Decode(items[i + 1].Text ?? ""));
            }
            catch (FormatException e)
            {
                logger.LogWarning("store: skipping unparseable entry {Field}: {Error}", items[i].Text, e.Message);
            }
        }

        return jobs;
    }

    public ValueTask DisposeAsync() => client?.DisposeAsync() ?? ValueTask.CompletedTask;

    private RedisClient Client => client ?? throw new InvalidOperationException("The Redis store was not initialised.");
}
