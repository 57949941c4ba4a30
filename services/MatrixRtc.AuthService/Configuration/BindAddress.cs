using System.Globalization;
using System.Net;

namespace MatrixRtc.AuthService.Configuration;

/// <summary>
/// A Go-style listen address: <c>:8080</c> (every interface), <c>127.0.0.1:8080</c>,
/// <c>[::1]:8080</c> or <c>localhost:8080</c>. Port 0 asks the OS for a free port.
/// </summary>
public sealed record BindAddress(string? Host, int Port)
{
    public static BindAddress Parse(string value, string variable)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            throw new ConfigurationException(variable, $"{variable} must be host:port or :port, got \"{value}\"");
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new ConfigurationException(variable, $"{variable}: an IPv6 host must be in brackets, got \"{value}\"");
        }

        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigurationException(variable, $"{variable} has no valid port (0-65535), got \"{value}\"");
        }

        return new BindAddress(host.Length == 0 ? null : host, port);
    }

    /// <summary>The addresses to listen on; a host name is resolved once, at start-up.</summary>
    public IReadOnlyList<IPAddress> ResolveListenAddresses()
    {
        if (Host is null)
        {
            return [IPAddress.IPv6Any];
        }

        if (IPAddress.TryParse(Host, out var ip))
        {
            return [ip];
        }

        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        try
        {
            return Dns.GetHostAddresses(Host);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ConfigurationException("LIVEKIT_JWT_BIND", $"LIVEKIT_JWT_BIND host \"{Host}\" cannot be resolved: {e.Message}");
        }
    }

    public override string ToString() => Host switch
    {
        null => $":{Port}",
        _ when Host.Contains(':', StringComparison.Ordinal) => $"[{Host}]:{Port}",
        _ => $"{Host}:{Port}",
    };
}
