using System.Net;
using MatrixRtc.AuthService.Configuration;

namespace MatrixRtc.AuthService.Tests.Configuration;

public sealed class BindAddressTests
{
    [Theory]
    [InlineData(":8080", "::")]
    [InlineData("127.0.0.1:0", "127.0.0.1")]
    [InlineData("[::1]:9", "::1")]
    public void Literal_hosts_listen_where_they_say(string bind, string address) =>
        Assert.Equal([IPAddress.Parse(address)], BindAddress.Parse(bind, "LIVEKIT_JWT_BIND").ResolveListenAddresses());

    [Fact]
    public void Localhost_listens_on_both_loopbacks() =>
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], BindAddress.Parse("localhost:1", "LIVEKIT_JWT_BIND").ResolveListenAddresses());

    [Fact]
    public void Unresolvable_host_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<ConfigurationException>(() => BindAddress.Parse("no-such-host.invalid:8080", "LIVEKIT_JWT_BIND").ResolveListenAddresses());
        Assert.Equal("LIVEKIT_JWT_BIND", error.Variable);
        Assert.Contains("no-such-host.invalid", error.Message, StringComparison.Ordinal);
    }
}
