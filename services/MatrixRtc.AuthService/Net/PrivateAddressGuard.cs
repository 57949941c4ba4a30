using System.Net;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.Net;

/// <summary>
/// The SSRF guard of LIVEKIT_BLOCK_PRIVATE_ADDRESSES: addresses a user-supplied server name must
/// not make the service connect to (loopback, RFC 1918, CGNAT, link-local, unique-local,
/// unspecified, multicast, and IPv4 inside IPv6 forms of those).
/// </summary>
public static class PrivateAddressGuard
{
    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] is >= 64 and <= 127) // CGNAT
                || (b[0] == 169 && b[1] == 254) // link-local (cloud metadata)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0); // IETF protocol assignments
        }

        var v6 = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC // unique local fc00::/7
            || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4 can embed any IPv4 address
            || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B); // NAT64 likewise
    }
}
