using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MatrixRtc.AuthService.Matrix;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// A DNS server on 127.0.0.1/UDP answering SRV questions from a table (RFC 1035 wire format, with
/// name compression in the answers); unknown names get NXDOMAIN, or no answer at all when silent.
/// </summary>
public sealed class FakeDnsServer : IDisposable
{
    private readonly UdpClient udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource stop = new();

    public FakeDnsServer(IReadOnlyDictionary<string, SrvRecord[]> records, bool silent = false)
    {
        _ = ServeAsync(records, silent);
    }

    public IPEndPoint EndPoint => (IPEndPoint)udp.Client.LocalEndPoint!;

    public List<string> Questions { get; } = [];

    private async Task ServeAsync(IReadOnlyDictionary<string, SrvRecord[]> records, bool silent)
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

            var (name, questionEnd) = ReadQuestion(query.Buffer);
            lock (Questions)
            {
                Questions.Add(name);
            }

            if (silent)
            {
                continue;
            }

            var answers = records.GetValueOrDefault(name, []);
            var reply = new List<byte>(query.Buffer[..questionEnd]);
            reply[2] = 0x81; // response, RD
            reply[3] = (byte)(records.ContainsKey(name) ? 0x80 : 0x83); // RA; NOERROR or NXDOMAIN
            reply[6] = 0;
            reply[7] = (byte)answers.Length;
            foreach (var answer in answers)
            {
                reply.AddRange([0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60]); // name → question, SRV, IN, TTL 60
                var target = EncodeName(answer.Target);
                var length = 6 + target.Length;
                reply.AddRange([(byte)(length >> 8), (byte)length]);
                reply.AddRange(UInt16(answer.Priority));
                reply.AddRange(UInt16(answer.Weight));
                reply.AddRange(UInt16(answer.Port));
                reply.AddRange(target);
            }

            await udp.SendAsync(reply.ToArray(), query.RemoteEndPoint);
        }
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
        [.. name.TrimEnd('.').Split('.').SelectMany(l => new[] { (byte)l.Length }.Concat(Encoding.ASCII.GetBytes(l))), 0];

    public void Dispose()
    {
        stop.Cancel();
        udp.Dispose();
        stop.Dispose();
    }
}
