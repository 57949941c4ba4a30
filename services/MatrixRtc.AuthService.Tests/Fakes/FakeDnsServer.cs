using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MatrixRtc.AuthService.Matrix;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// A DNS server on 127.0.0.1, UDP and TCP (2-byte length prefix) on the same port, answering SRV
/// questions from a table (RFC 1035 wire format, with name compression in the answers); unknown names
/// get NXDOMAIN. <paramref name="silent"/>: no answer at all; <paramref name="failWith"/>: that
/// response code and no records; <paramref name="truncateOverUdp"/>: over UDP only the answers that
/// fit in 512 bytes, with the TC bit set, and the full answer over TCP.
/// </summary>
public sealed class FakeDnsServer : IDisposable
{
    private const int UdpLimit = 512;

    private readonly IReadOnlyDictionary<string, SrvRecord[]> records;
    private readonly bool silent;
    private readonly byte? failWith;
    private readonly bool truncateOverUdp;
    private readonly UdpClient udp;
    private readonly TcpListener tcp;
    private readonly CancellationTokenSource stop = new();

    public FakeDnsServer(IReadOnlyDictionary<string, SrvRecord[]> records, bool silent = false, byte? failWith = null, bool truncateOverUdp = false)
    {
        this.records = records;
        this.silent = silent;
        this.failWith = failWith;
        this.truncateOverUdp = truncateOverUdp;
        (udp, tcp) = BindSamePort();
        _ = ServeUdpAsync();
        _ = ServeTcpAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)udp.Client.LocalEndPoint!;

    /// <summary>The names asked, over either transport, in order.</summary>
    public List<string> Questions { get; } = [];

    /// <summary>The names asked over TCP.</summary>
    public List<string> TcpQuestions { get; } = [];

    /// <summary>Every query as received (without the TCP length prefix).</summary>
    public List<byte[]> Queries { get; } = [];

    public void Dispose()
    {
        stop.Cancel();
        udp.Dispose();
        tcp.Stop();
        stop.Dispose();
    }

    private static (UdpClient Udp, TcpListener Tcp) BindSamePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new TcpListener((IPEndPoint)udp.Client.LocalEndPoint!);
            try
            {
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose(); // the TCP port is taken: try another
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await udp.ReceiveAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Answer(query.Buffer, overTcp: false) is { } reply)
            {
                await udp.SendAsync(reply, query.RemoteEndPoint);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await tcp.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeTcpClientAsync(client);
        }
    }

    private async Task ServeTcpClientAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var length = new byte[2];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(length, stop.Token);
                    var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                    await stream.ReadExactlyAsync(query, stop.Token);
                    if (Answer(query, overTcp: true) is { } reply)
                    {
                        await stream.WriteAsync(UInt16(reply.Length), stop.Token);
                        await stream.WriteAsync(reply, stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client is done, or the server stops.
            }
        }
    }

    /// <returns>The reply, or null when silent.</returns>
    private byte[]? Answer(byte[] query, bool overTcp)
    {
        var (name, questionEnd) = ReadQuestion(query);
        lock (Questions)
        {
            Questions.Add(name);
            Queries.Add(query);
            if (overTcp)
            {
                TcpQuestions.Add(name);
            }
        }

        if (silent)
        {
            return null;
        }

        var answers = failWith is null ? records.GetValueOrDefault(name, []) : [];
        var reply = new List<byte>(query[..questionEnd]);
        var encoded = new List<byte[]>();
        foreach (var answer in answers)
        {
            var target = EncodeName(answer.Target);
            encoded.Add([0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60, .. UInt16(6 + target.Length), // name → question, SRV, IN, TTL 60
                .. UInt16(answer.Priority), .. UInt16(answer.Weight), .. UInt16(answer.Port), .. target]);
        }

        var truncated = false;
        if (!overTcp && truncateOverUdp)
        {
            var fitting = 0;
            for (var size = reply.Count; fitting < encoded.Count && size + encoded[fitting].Length <= UdpLimit; fitting++)
            {
                size += encoded[fitting].Length;
            }

            truncated = fitting < encoded.Count;
            encoded = encoded[..fitting];
        }

        reply[2] = (byte)(0x81 | (truncated ? 0x02 : 0)); // response, RD, maybe TC
        reply[3] = (byte)(0x80 | (failWith ?? (records.ContainsKey(name) ? 0 : 3))); // RA; NOERROR, NXDOMAIN or failWith
        reply[6] = 0;
        reply[7] = (byte)encoded.Count;
        reply[8] = reply[9] = reply[10] = reply[11] = 0; // no authority or additional records
        reply.AddRange(encoded.SelectMany(a => a));
        return [.. reply];
    }

    private static (string Name, int End) ReadQuestion(byte[] query)
    {
        var labels = new List<string>();
        var offset = 12;
        while (query[offset] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, offset + 1, query[offset]));
            offset += 1 + query[offset];
        }

        return (string.Join('.', labels), offset + 5);
    }

    private static byte[] UInt16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] EncodeName(string name) =>
        [.. name.Split('.', StringSplitOptions.RemoveEmptyEntries).SelectMany(l => new[] { (byte)l.Length }.Concat(Encoding.ASCII.GetBytes(l))), 0];
}
