using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// SRV look-ups over UDP DNS (RFC 1035/2782) against the resolv.conf name servers: .NET has no SRV
/// API and no DNS client package is on every feed. Any failure yields no records, as the federation
/// discovery then falls back to port 8448.
/// </summary>
public sealed class DnsSrvResolver(IReadOnlyList<IPEndPoint> nameServers, TimeSpan timeout) : ISrvResolver
{
    private const ushort TypeSrv = 33;
    private const ushort ClassIn = 1;

    /// <summary>Name servers from /etc/resolv.conf (or the loopback resolver when none are listed).</summary>
    public static DnsSrvResolver FromResolvConf(string path = "/etc/resolv.conf")
    {
        var servers = File.Exists(path)
            ? File.ReadLines(path)
                .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f is ["nameserver", _, ..] && IPAddress.TryParse(f[1], out _))
                .Select(f => new IPEndPoint(IPAddress.Parse(f[1]), 53))
                .ToList()
            : [];
        return new DnsSrvResolver(servers.Count > 0 ? servers : [new IPEndPoint(IPAddress.Loopback, 53)], TimeSpan.FromSeconds(5));
    }

    public async Task<IReadOnlyList<SrvRecord>> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var server in nameServers)
        {
            try
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(timeout);
                var records = await QueryAsync(server, name, timeoutSource.Token);
                if (records is not null)
                {
                    return records;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or InvalidDataException && !cancellationToken.IsCancellationRequested)
            {
                // Try the next server.
            }
        }

        return [];
    }

    /// <returns>The records, or null when this server gave no usable answer.</returns>
    private static async Task<IReadOnlyList<SrvRecord>?> QueryAsync(IPEndPoint server, string name, CancellationToken cancellationToken)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        using var udp = new UdpClient(server.AddressFamily);
        await udp.SendAsync(BuildQuery(id, name), server, cancellationToken);
        while (true)
        {
            var reply = await udp.ReceiveAsync(cancellationToken);
            if (reply.RemoteEndPoint.Equals(server) && reply.Buffer.Length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(reply.Buffer) == id)
            {
                return ParseReply(reply.Buffer);
            }
        }
    }

    internal static byte[] BuildQuery(ushort id, string name)
    {
        var query = new List<byte>(64);
        query.AddRange([(byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD; one question
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new InvalidDataException($"\"{name}\" is not a valid DNS name");
            }

            query.Add((byte)bytes.Length);
            query.AddRange(bytes);
        }

        query.AddRange([0, 0, (byte)TypeSrv, 0, (byte)ClassIn]); // root label, QTYPE, QCLASS
        return [.. query];
    }

    private static IReadOnlyList<SrvRecord>? ParseReply(byte[] reply)
    {
        var rcode = reply[3] & 0x0F;
        if (rcode == 3)
        {
            return []; // NXDOMAIN: a definite "no records"
        }

        if (rcode != 0)
        {
            return null;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(4));
        var answers = BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(6));
        var offset = 12;
        for (var i = 0; i < questions; i++)
        {
            ReadName(reply, ref offset);
            offset += 4;
        }

        var records = new List<SrvRecord>();
        for (var i = 0; i < answers; i++)
        {
            ReadName(reply, ref offset);
            var type = ReadUInt16(reply, offset);
            var length = ReadUInt16(reply, offset + 8);
            var data = offset + 10;
            offset = data + length;
            if (offset > reply.Length)
            {
                throw new InvalidDataException("truncated DNS answer");
            }

            if (type == TypeSrv && length >= 7)
            {
                var targetOffset = data + 6;
                var target = ReadName(reply, ref targetOffset);
                records.Add(new SrvRecord(target, ReadUInt16(reply, data + 4), ReadUInt16(reply, data), ReadUInt16(reply, data + 2)));
            }
        }

        return [.. records.Where(r => r.Target.Length > 0).OrderBy(r => r.Priority).ThenByDescending(r => r.Weight)];
    }

    private static ushort ReadUInt16(byte[] buffer, int offset) =>
        offset + 2 <= buffer.Length ? BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset)) : throw new InvalidDataException("truncated DNS message");

    /// <summary>Reads a possibly compressed name; the trailing dot is dropped.</summary>
    private static string ReadName(byte[] buffer, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 64; hops++)
        {
            if (position >= buffer.Length)
            {
                throw new InvalidDataException("truncated DNS name");
            }

            int length = buffer[position];
            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return string.Join('.', labels);
            }

            if ((length & 0xC0) == 0xC0)
            {
                var pointer = ReadUInt16(buffer, position) & 0x3FFF;
                if (!jumped)
                {
                    offset = position + 2;
                }

                jumped = true;
                position = pointer;
                continue;
            }

            if (position + 1 + length > buffer.Length)
            {
                throw new InvalidDataException("truncated DNS label");
            }

            labels.Add(Encoding.ASCII.GetString(buffer, position + 1, length));
            position += 1 + length;
        }

        throw new InvalidDataException("DNS name compression loop");
    }
}
