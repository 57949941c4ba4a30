using System.Net;
using System.Net.Sockets;
using MatrixRtc.AuthService.Redis;

namespace MatrixRtc.AuthService.Tests.Redis;

/// <summary>Every go-redis URL form becomes the StackExchange.Redis configuration for the same server, credentials and database.</summary>
public sealed class RedisConnectionOptionsTests
{
    [Theory]
    [InlineData("redis://localhost", "Unspecified/localhost:6379", false, null, null, null, 0)]
    [InlineData("redis://redis:6380/2", "Unspecified/redis:6380", false, null, null, null, 2)]
    [InlineData("redis://:s%40cret@127.0.0.1", "127.0.0.1:6379", false, null, null, "s@cret", 0)]
    [InlineData("redis://alice:pw@[::1]:7000/0", "[::1]:7000", false, null, "alice", "pw", 0)]
    [InlineData("redis://alice@host", "Unspecified/host:6379", false, null, null, null, 0)]
    [InlineData("rediss://cache.example.com", "Unspecified/cache.example.com:6379", true, "cache.example.com", null, null, 0)]
    [InlineData("rediss://bob:pw@10.0.0.7:6390/5", "10.0.0.7:6390", true, "10.0.0.7", "bob", "pw", 5)]
    [InlineData("redis://host/1?db=4", "Unspecified/host:6379", false, null, null, null, 4)]
    public void Each_url_form_maps_to_one_endpoint_with_its_credentials_and_database(
        string url, string endPoint, bool ssl, string? sslHost, string? user, string? password, int database)
    {
        var options = RedisConnectionOptions.Create(RedisEndpoint.Parse(url), TimeSpan.FromSeconds(5));

        Assert.Equal(endPoint, Assert.Single(options.EndPoints).ToString());
        Assert.Equal((ssl, sslHost, user, password, database), (options.Ssl, options.SslHost, options.User, options.Password, options.DefaultDatabase));
    }

    [Fact]
    public void A_unix_url_maps_to_a_unix_socket_endpoint()
    {
        var options = RedisConnectionOptions.Create(RedisEndpoint.Parse("unix://:pw@/run/redis/redis.sock?db=3"), TimeSpan.FromSeconds(5));

        var socket = Assert.IsType<UnixDomainSocketEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal("/run/redis/redis.sock", socket.ToString());
        Assert.Equal(("pw", 3, false), (options.Password, options.DefaultDatabase, options.Ssl));
    }

    [Fact]
    public void The_connection_never_gives_up_has_no_pub_sub_channel_and_every_wait_is_the_command_timeout()
    {
        var options = RedisConnectionOptions.Create(RedisEndpoint.Parse("redis://127.0.0.1"), TimeSpan.FromMilliseconds(1500));

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal("", options.ConfigurationChannel);
        Assert.Equal((1500, 1500, 1500), (options.ConnectTimeout, options.SyncTimeout, options.AsyncTimeout));
        Assert.IsType<IPEndPoint>(Assert.Single(options.EndPoints));
    }
}
