using System.Buffers;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// One RESP2 connection: connect, AUTH and SELECT only when the endpoint asks for them (no HELLO or
/// CLIENT, so minimal servers accept it), then one command at a time. Not thread-safe; see
/// <see cref="RedisClient"/>.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly Stream stream;
    private readonly byte[] buffer = new byte[16 * 1024];
    private int bufferStart;
    private int bufferEnd;

    private RespConnection(Socket socket, Stream stream)
    {
        this.socket = socket;
        this.stream = stream;
    }

    public static async Task<RespConnection> OpenAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        Socket socket;
        if (endpoint.Transport == RedisTransport.UnixSocket)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await ConnectAsync(socket, s => s.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.SocketPath!), cancellationToken));
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await ConnectAsync(socket, s => s.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken));
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (endpoint.Transport == RedisTransport.Tls)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = tls;
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
            }
            catch
            {
                await tls.DisposeAsync();
                throw;
            }
        }

        var connection = new RespConnection(socket, stream);
        try
        {
            if (endpoint.Password is not null)
            {
                string[] auth = endpoint.Username is null ? ["AUTH", endpoint.Password] : ["AUTH", endpoint.Username, endpoint.Password];
                await connection.ExecuteAndCheckAsync(auth, cancellationToken);
            }

            if (endpoint.Database != 0)
            {
                await connection.ExecuteAndCheckAsync(["SELECT", endpoint.Database.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public async Task<RedisReply> ExecuteAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encode(command), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return await ReadReplyAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        socket.Dispose();
    }

    private static async Task ConnectAsync(Socket socket, Func<Socket, ValueTask> connect)
    {
        try
        {
            await connect(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ExecuteAndCheckAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(command, cancellationToken);
        if (reply.Kind == RedisReplyKind.Error)
        {
            throw new RedisErrorReplyException($"{command[0]}: {reply.Text}");
        }
    }

    /// <summary>A command as a RESP array of bulk strings.</summary>
    public static byte[] Encode(IReadOnlyList<string> command)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteAscii(output, $"*{command.Count}\r\n");
        foreach (var argument in command)
        {
            var bytes = Encoding.UTF8.GetBytes(argument);
            WriteAscii(output, $"${bytes.Length}\r\n");
            output.Write(bytes);
            WriteAscii(output, "\r\n");
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    private async Task<RedisReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var type = await ReadByteAsync(cancellationToken);
        var line = await ReadLineAsync(cancellationToken);
        switch ((char)type)
        {
            case '+':
                return new(RedisReplyKind.SimpleString, line);
            case '-':
                return new(RedisReplyKind.Error, line);
            case ':':
                return new(RedisReplyKind.Integer, Integer: ParseInteger(line));
            case '$':
                var length = ParseInteger(line);
                if (length < 0)
                {
                    return RedisReply.Null;
                }

                var bytes = await ReadExactlyAsync(checked((int)length + 2), cancellationToken);
                if (bytes[^2] != '\r' || bytes[^1] != '\n')
                {
                    throw new RedisProtocolException("bulk string not terminated by CRLF");
                }

                return new(RedisReplyKind.BulkString, Encoding.UTF8.GetString(bytes, 0, bytes.Length - 2));
            case '*':
                var count = ParseInteger(line);
                if (count < 0)
                {
                    return RedisReply.Null;
                }

                var items = new List<RedisReply>((int)Math.Min(count, 1024));
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(cancellationToken));
                }

                return new(RedisReplyKind.Array, Items: items);
            default:
                throw new RedisProtocolException($"unexpected reply type byte 0x{type:x2}");
        }
    }

    private static long ParseInteger(string line) =>
        long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RedisProtocolException($"invalid integer \"{line}\"");

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        await FillAsync(1, cancellationToken);
        return buffer[bufferStart++];
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>();
        while (true)
        {
            await FillAsync(1, cancellationToken);
            var available = buffer.AsSpan(bufferStart, bufferEnd - bufferStart);
            var newline = available.IndexOf((byte)'\n');
            if (newline < 0)
            {
                line.Write(available);
                bufferStart = bufferEnd;
                continue;
            }

            line.Write(available[..(newline + 1)]);
            bufferStart += newline + 1;
            var bytes = line.WrittenSpan;
            if (bytes.Length < 2 || bytes[^2] != '\r')
            {
                throw new RedisProtocolException("line not terminated by CRLF");
            }

            return Encoding.UTF8.GetString(bytes[..^2]);
        }
    }

    private async ValueTask<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            await FillAsync(1, cancellationToken);
            var chunk = Math.Min(count - copied, bufferEnd - bufferStart);
            buffer.AsSpan(bufferStart, chunk).CopyTo(result.AsSpan(copied));
            bufferStart += chunk;
            copied += chunk;
        }

        return result;
    }

    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (bufferEnd - bufferStart >= needed)
        {
            return;
        }

        if (bufferStart == bufferEnd)
        {
            bufferStart = bufferEnd = 0;
        }

        var read = await stream.ReadAsync(buffer.AsMemory(bufferEnd), cancellationToken);
        if (read == 0)
        {
            throw new EndOfStreamException("Redis closed the connection");
        }

        bufferEnd += read;
    }
}
