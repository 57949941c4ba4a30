using MatrixRtc.AuthService.Redis;

namespace MatrixRtc.AuthService.Tests.Redis;

public sealed class RedisEndpointTests
{
    [Theory]
    [InlineData("redis://localhost", RedisTransport.Tcp, "localhost", 6379, null, null, 0)]
    [InlineData("redis://redis:6380/2", RedisTransport.Tcp, "redis", 6380, null, null, 2)]
    [InlineData("redis://:s%40cret@127.0.0.1", RedisTransport.Tcp, "127.0.0.1", 6379, null, "s@cret", 0)]
    [InlineData("redis://alice:pw@[::1]:7000/0", RedisTransport.Tcp, "::1", 7000, "alice", "pw", 0)]
    [InlineData("rediss://cache.example.com", RedisTransport.Tls, "cache.example.com", 6379, null, null, 0)]
    [InlineData("redis://host/1?db=4", RedisTransport.Tcp, "host", 6379, null, null, 4)]
    public void Go_redis_urls_are_understood(string url, RedisTransport transport, string host, int port, string? username, string? password, int database)
    {
        var endpoint = RedisEndpoint.Parse(url);

        Assert.Equal((transport, host, port, username, password, database), (endpoint.Transport, endpoint.Host, endpoint.Port, endpoint.Username, endpoint.Password, endpoint.Database));
    }

    [Fact]
    public void Unix_socket_urls_take_the_database_from_the_query()
    {
        var endpoint = RedisEndpoint.Parse("unix://:pw@/run/redis/redis.sock?db=3");

        Assert.Equal((RedisTransport.UnixSocket, "/run/redis/redis.sock", "pw", 3), (endpoint.Transport, endpoint.SocketPath, endpoint.Password, endpoint.Database));
    }

    [Theory]
    [InlineData("localhost:6379", "scheme")]
    [InlineData("http://localhost", "invalid URL scheme: http")]
    [InlineData("redis://localhost/abc", "invalid database number")]
    [InlineData("redis://localhost/0?dial_timeout=3s", "unsupported option: dial_timeout")]
    [InlineData("unix://", "socket path")]
    public void Bad_urls_are_rejected_with_the_reason(string url, string reason)
    {
        var error = Assert.ThrowsAny<FormatException>(() => RedisEndpoint.Parse(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_are_redacted() =>
        Assert.Equal("redis://user:***@host:6379/0", RedisEndpoint.Redact("redis://user:hunter2@host:6379/0"));
}
