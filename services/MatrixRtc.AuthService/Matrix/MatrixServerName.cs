using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// A Matrix server name (Matrix spec "Server names"): a DNS name, an IPv4 literal or a bracketed IPv6
/// literal, with an optional port.
/// </summary>
public sealed record MatrixServerName(string Host, int? Port, bool IsIpLiteral)
{
    /// <summary>The host as it goes into a URL: IPv6 in brackets.</summary>
    public string UrlHost => IsIpLiteral && Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    public static bool TryParse(string value, out MatrixServerName serverName)
    {
        serverName = null!;
        if (value.Length is 0 or > 255)
        {
            return false;
        }

        string host;
        var rest = "";
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(value[1..close], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            host = value[1..close];
            rest = value[(close + 1)..];
        }
        else
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? value : value[..colon];
            rest = colon < 0 ? "" : value[colon..];
        }

        int? port = null;
        if (rest.Length > 0)
        {
            if (rest[0] != ':' || rest.Length is < 2 or > 6
                || !int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
        }

        var ipLiteral = value.StartsWith('[') || IsIPv4Literal(host);
        if (!ipLiteral && !IsDnsName(host))
        {
            return false;
        }

        serverName = new MatrixServerName(host, port, ipLiteral);
        return true;
    }

    private static bool IsIPv4Literal(string host) =>
        host.Split('.') is { Length: 4 } octets && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit))
        && IPAddress.TryParse(host, out _);

    private static bool IsDnsName(string host) =>
        host.Length is > 0 and <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
