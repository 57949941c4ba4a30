using System.Net.Sockets;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// A small thread-safe RESP2 client over one connection, opened lazily and reopened after it broke
/// (e.g. a Redis restart). Every command, including connecting, AUTH and SELECT, has a time limit.
/// A command that fails on a connection that had worked before is tried once more on a fresh
/// connection, so the first command after a server restart succeeds; only idempotent commands
/// (PING, HSET, HDEL, HGETALL) are sent through it.
/// </summary>
public sealed class RedisClient(RedisEndpoint endpoint, TimeSpan commandTimeout) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private RespConnection? connection;
    private bool disposed;

    public RedisEndpoint Endpoint => endpoint;

    /// <summary>Runs one command; an error reply becomes a <see cref="RedisErrorReplyException"/>.</summary>
    /// <exception cref="RedisException">No connection, timeout, broken stream or error reply.</exception>
    public async Task<RedisReply> ExecuteAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            for (var attempt = 1; ; attempt++)
            {
                var reusing = connection is not null;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(commandTimeout);
                try
                {
                    connection ??= await RespConnection.OpenAsync(endpoint, timeout.Token);
                    var reply = await connection.ExecuteAsync(command, timeout.Token);
                    return reply.Kind == RedisReplyKind.Error ? throw new RedisErrorReplyException(reply.Text ?? "error") : reply;
                }
                catch (Exception e) when (e is IOException or SocketException or RedisProtocolException or OperationCanceledException or ObjectDisposedException
                                              || (e is RedisErrorReplyException && connection is null))
                {
                    await DropConnectionAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (reusing && attempt == 1 && e is not OperationCanceledException)
                    {
                        continue;
                    }

                    var reason = e switch
                    {
                        OperationCanceledException => $"no answer within {commandTimeout.TotalSeconds:0.###} s",
                        RedisErrorReplyException => e.Message,
                        _ => e.Message,
                    };
                    throw new RedisException($"{command[0]} on {endpoint.Address}: {reason}", e);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            disposed = true;
            await DropConnectionAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DropConnectionAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }
}
