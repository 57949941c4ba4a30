using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.Net;

/// <summary>
/// Opens the TCP connections of the outgoing HTTP clients: honours a per-request "connect to"
/// target (a federation SRV record: TLS and Host stay the server name while the socket goes to
/// the SRV target) and, when the guard is on, refuses private addresses after DNS resolution,
/// except for the destinations the operator configured (<paramref name="trustedTargets"/>).
/// </summary>
public sealed class OutboundConnector(bool blockPrivateAddresses, IReadOnlyCollection<DnsEndPoint> trustedTargets)
{
    /// <summary>Where to open the socket instead of the URL's host and port.</summary>
    public static readonly HttpRequestOptionsKey<DnsEndPoint> ConnectTo = new("matrixrtc.connect-to");

    /// <summary>The hosts and ports of every operator-configured override URL: the guard lets them through.</summary>
    public static IReadOnlyCollection<DnsEndPoint> TrustedTargetsOf(params IEnumerable<string>[] overrideUrls) =>
        [.. overrideUrls.SelectMany(urls => urls)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? new DnsEndPoint(uri.Host, uri.Port) : null)
            .OfType<DnsEndPoint>()];

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A handler for a client that needs the connector, with TLS verification per configuration.</summary>
    public SocketsHttpHandler CreateHandler(bool skipVerifyTls, bool followRedirects) => new()
    {
        ConnectTimeout = ConnectTimeout,
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = followRedirects,
        MaxAutomaticRedirections = 10,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        SslOptions = skipVerifyTls
            ? new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true }
            : new SslClientAuthenticationOptions(),
    };

    private bool IsTrusted(DnsEndPoint target) => trustedTargets.Any(t =>
        t.Port == target.Port && string.Equals(t.Host.Trim('[', ']'), target.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var options = context.InitialRequestMessage.Options;
        var target = options.TryGetValue(ConnectTo, out var connectTo) ? connectTo : context.DnsEndPoint;
        var addresses = IPAddress.TryParse(target.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        if (blockPrivateAddresses && !IsTrusted(target))
        {
            addresses = [.. addresses.Where(a => !PrivateAddressGuard.IsBlocked(a))];
            if (addresses.Length == 0)
            {
                throw new HttpRequestException(
                    $"refusing to connect to {target.Host}: it resolves only to private or loopback addresses (LIVEKIT_BLOCK_PRIVATE_ADDRESSES)");
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"cannot connect to {target.Host}:{target.Port}: {last?.Message ?? "no address"}", last);
    }
}
