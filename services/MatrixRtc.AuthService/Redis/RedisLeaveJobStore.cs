using System.Diagnostics;
using System.Globalization;
using System.Net;
using MatrixRtc.AuthService.DelayedLeave;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// Jobs in the Redis hash <c>lk-jwt:jobs</c>, in the Go service's format, so either service can take
/// over the other's jobs: field <c>["room","identity"]</c> (Go JSON), value <see cref="GoStoredJobFormat"/>.
/// Owns the process's one <see cref="ConnectionMultiplexer"/>, opened by <see cref="InitializeAsync"/> and
/// closed by <see cref="DisposeAsync"/> (the host disposes this singleton at shutdown). Every command
/// waits at most the command timeout, also while the multiplexer reconnects.
/// </summary>
public sealed partial class RedisLeaveJobStore(string redisUrl, ILogger<RedisLeaveJobStore> logger, TimeSpan? commandTimeout = null)
    : ILeaveJobStore, IAsyncDisposable
{
    public const string HashKey = "lk-jwt:jobs";

    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeSpan timeout = commandTimeout ?? DefaultCommandTimeout;
    private ConnectionMultiplexer? connection;
    private string address = "";

    /// <summary>
    /// Parses the URL, connects and PINGs the server, each step within the command timeout; the message
    /// of a failure is the Go service's, the reason after it StackExchange.Redis's.
    /// </summary>
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

        address = endpoint.Address;
        var options = RedisConnectionOptions.Create(endpoint, timeout);
        var firstAttempt = new TaskCompletionSource<ConnectionAttemptCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        options.ConnectionAttemptCompleted += (_, attempt) =>
        {
            if (attempt.ConnectionType == ConnectionType.Interactive)
            {
                firstAttempt.TrySetResult(attempt);
            }
        };

        var started = Stopwatch.GetTimestamp();
        ConnectionMultiplexer connecting;
        try
        {
            connecting = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LeaveJobStoreUnavailableException($"store: Redis ping failed: {address}: {e.Message}", e);
        }

        string? failure;
        Exception? cause;
        try
        {
            // With AbortOnConnectFail off, ConnectAsync may return before the first attempt has finished.
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            var attempt = await firstAttempt.Task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
            (failure, cause) = attempt.IsSuccess
                ? (null, null)
                : ($"{address}: {attempt.FailureType} ({attempt.Stage}): {attempt.Exception?.Message}", attempt.Exception);
            if (failure is null)
            {
                await RunAsync(connecting, "PING", db => db.PingAsync(), cancellationToken);
            }
        }
        catch (TimeoutException e) when (e.InnerException is null)
        {
            (failure, cause) = ($"{address}: {NoAnswer}", e);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            (failure, cause) = (e.Message, e);
        }
        catch
        {
            await connecting.DisposeAsync();
            throw;
        }

        if (failure is not null)
        {
            await connecting.DisposeAsync();
            throw new LeaveJobStoreUnavailableException($"store: Redis ping failed: {failure}", cause);
        }

        connecting.ConnectionFailed += (_, failure) =>
            LogConnectionLost(failure.EndPoint, failure.ConnectionType, failure.FailureType, failure.Exception?.Message);
        connecting.ConnectionRestored += (_, restored) => LogConnectionRestored(restored.EndPoint, restored.ConnectionType);
        connection = connecting;
        LogConnected(address);
    }

    public Task SaveAsync(StoredLeaveJob job, CancellationToken cancellationToken) =>
        RunAsync(Connection, "HSET", db => db.HashSetAsync(HashKey, job.Key.ToGoJson(), GoStoredJobFormat.Encode(job)), cancellationToken);

    public Task DeleteAsync(LeaveJobKey key, CancellationToken cancellationToken) =>
        RunAsync(Connection, "HDEL", db => db.HashDeleteAsync(HashKey, key.ToGoJson()), cancellationToken);

    public async Task<IReadOnlyList<StoredLeaveJob>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var entries = await RunAsync(Connection, "HGETALL", db => db.HashGetAllAsync(HashKey), cancellationToken);
        var jobs = new List<StoredLeaveJob>(entries.Length);
        foreach (var entry in entries)
        {
            try
            {
                jobs.Add(GoStoredJobFormat.Decode(entry.Value.ToString()));
            }
            catch (FormatException e)
            {
                LogUnparseableEntry(entry.Name.ToString(), e.Message);
            }
        }

        return jobs;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    private string NoAnswer => $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private ConnectionMultiplexer Connection => connection ?? throw new InvalidOperationException("The Redis store was not initialised.");

    /// <exception cref="RedisException">No connection or an error reply.</exception>
    /// <exception cref="TimeoutException">No answer within the command timeout.</exception>
    private async Task<T> RunAsync<T>(ConnectionMultiplexer multiplexer, string command, Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(multiplexer.GetDatabase()).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{command} on {address}: {NoAnswer}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "store: connected to Redis at {Address}")]
    private partial void LogConnected(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "store: {ConnectionType} connection to Redis at {EndPoint} lost ({FailureType}): {Reason}; reconnecting")]
    private partial void LogConnectionLost(EndPoint? endPoint, ConnectionType connectionType, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "store: {ConnectionType} connection to Redis at {EndPoint} restored")]
    private partial void LogConnectionRestored(EndPoint? endPoint, ConnectionType connectionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "store: skipping unparseable entry {Field}: {Error}")]
    private partial void LogUnparseableEntry(string field, string error);
}
