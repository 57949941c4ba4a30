using System.Net;
using DnsClient;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// SRV look-ups with DnsClient against the given name servers (in production those of
/// /etc/resolv.conf), asked in order: UDP, and TCP when an answer comes back truncated; no cache, no
/// retries. A name server's answer is final when it is NOERROR (the records, maybe none) or NXDOMAIN
/// (none); a timeout, another error code or an unreadable answer moves on to the next server. When
/// every server fails the result is empty, and federation discovery falls back to port 8448.
/// </summary>
public sealed class DnsSrvResolver : ISrvResolver
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly IPEndPoint LoopbackResolver = new(IPAddress.Loopback, NameServer.DefaultPort);

    private readonly LookupClient client;
    private readonly NameServer[] servers;

    /// <param name="nameServers">Asked in this order; none means every look-up finds nothing.</param>
    /// <param name="timeout">How long to wait for each server's answer (and again for its TCP answer).</param>
    public DnsSrvResolver(IReadOnlyList<IPEndPoint> nameServers, TimeSpan timeout)
    {
        NameServers = nameServers;
        servers = [.. nameServers.Select(server => new NameServer(server))];
        client = new LookupClient(new LookupClientOptions
        {
            AutoResolveNameServers = false,
            UseCache = false,
            Retries = 0,
            Timeout = timeout,
            UseTcpFallback = true,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            // 512 bytes: no EDNS(0) OPT record, as the system resolver asks by default; larger answers come over TCP.
            ExtendedDnsBufferSize = 512,
        });
    }

    public IReadOnlyList<IPEndPoint> NameServers { get; }

    /// <summary>The name servers of /etc/resolv.conf, or the loopback resolver when it lists none.</summary>
    public static DnsSrvResolver FromSystemConfiguration() =>
        new(NameServersOrLoopback(NameServer.ResolveNameServersNative().Select(server => new IPEndPoint(IPAddress.Parse(server.Address), server.Port))), DefaultTimeout);

    /// <summary>The usable servers (DnsClient refuses the unspecified address), or the loopback resolver when there are none.</summary>
    internal static IReadOnlyList<IPEndPoint> NameServersOrLoopback(IEnumerable<IPEndPoint> configured) =>
        configured.Where(server => !server.Address.Equals(IPAddress.Any) && !server.Address.Equals(IPAddress.IPv6Any)).ToArray() is { Length: > 0 } servers
            ? servers
            : [LoopbackResolver];

    public async Task<IReadOnlyList<SrvRecord>> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (Question(name) is not { } question)
        {
            return [];
        }

        foreach (var server in servers)
        {
            IDnsQueryResponse response;
            try
            {
                response = await client.QueryServerAsync([server], question, cancellationToken);
            }
            catch (DnsResponseException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                continue; // no answer in time, or an unreadable one
            }

            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return [];
            }

            if (response.Header.ResponseCode == DnsHeaderResponseCode.NoError)
            {
                return [.. response.Answers.SrvRecords()
                    .Select(r => new SrvRecord(r.Target.Value.TrimEnd('.'), r.Port, r.Priority, r.Weight))
                    .Where(r => r.Target.Length > 0) // "." = the service is decidedly not available
                    .OrderBy(r => r.Priority)
                    .ThenByDescending(r => r.Weight)];
            }
        }

        return [];
    }

    /// <returns>The SRV question, or null when <paramref name="name"/> is not a DNS name.</returns>
    private static DnsQuestion? Question(string name)
    {
        // DnsClient checks the characters and label lengths, but would send "a..b" as "a".
        if (name.TrimEnd('.').Split('.').Any(label => label.Length == 0))
        {
            return null;
        }

        try
        {
            return new DnsQuestion(name, QueryType.SRV, QueryClass.IN);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
