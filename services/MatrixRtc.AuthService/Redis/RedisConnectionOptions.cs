using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// The StackExchange.Redis configuration for a parsed go-redis URL: its one endpoint (TCP, TLS or a
/// Unix socket), credentials and database, one connection, every wait bounded by one timeout. A
/// multiplexer built from it never gives up: it starts even when Redis is down
/// (<see cref="ConfigurationOptions.AbortOnConnectFail"/> off) and reconnects in the background after
/// a failure, holding commands issued meanwhile until their timeout.
/// </summary>
public static class RedisConnectionOptions
{
    public static ConfigurationOptions Create(RedisEndpoint endpoint, TimeSpan timeout)
    {
        var milliseconds = checked((int)Math.Ceiling(timeout.TotalMilliseconds));
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectRetry = 1,
            ConnectTimeout = milliseconds,
            SyncTimeout = milliseconds,
            AsyncTimeout = milliseconds,
            DefaultDatabase = endpoint.Database,
            // go-redis authenticates only with a password; a user name alone is not sent.
            User = endpoint.Password is null ? null : endpoint.Username,
            Password = endpoint.Password,
            Ssl = endpoint.Transport == RedisTransport.Tls,
            SslHost = endpoint.Transport == RedisTransport.Tls ? endpoint.Host : null,
            // No configuration-change channel (it coordinates several primaries): one connection, no pub/sub one.
            ConfigurationChannel = "",
        };
        options.EndPoints.Add(endpoint.Transport switch
        {
            RedisTransport.UnixSocket => new UnixDomainSocketEndPoint(endpoint.SocketPath!),
            _ when IPAddress.TryParse(endpoint.Host, out var address) => new IPEndPoint(address, endpoint.Port),
            _ => new DnsEndPoint(endpoint.Host, endpoint.Port),
        });
        return options;
    }
}
