using System.Net;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.Matrix;

/// <summary>Server-name resolution order, against a real HTTPS well-known server and a real UDP DNS server.</summary>
public sealed class FederationServerResolverTests : IAsyncLifetime
{
    private LoopbackHttpServer wellKnown = null!;
    private FakeDnsServer dns = null!;
    private Func<HttpContext, Task> serveWellKnown = context => { context.Response.StatusCode = 404; return Task.CompletedTask; };

    public async ValueTask InitializeAsync()
    {
        var certificate = SelfSignedCertificate.ForLoopback();
        wellKnown = await LoopbackHttpServer.StartAsync(
            app => app.MapGet("/.well-known/matrix/server", context => serveWellKnown(context)),
            listen => listen.UseHttps(certificate));
        dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>
        {
            ["_matrix-fed._tcp.fed.test"] = [new("fed-target.test", 8450, 0, 0)],
            ["_matrix._tcp.legacy.test"] = [new("legacy-target.test.", 8451, 0, 0)],
            ["_matrix-fed._tcp.delegated.test"] = [new("delegated-target.test", 8452, 0, 0)],
        });
    }

    public async ValueTask DisposeAsync()
    {
        dns.Dispose();
        await wellKnown.DisposeAsync();
    }

    private FederationServerResolver Resolver() => new(
        new LoopbackOnlyHttpClientFactory(wellKnown.BaseUrl.Port),
        new DnsSrvResolver([dns.EndPoint], TimeSpan.FromSeconds(2)),
        NullLogger<FederationServerResolver>.Instance);

    private Task<IReadOnlyList<FederationTarget>> Resolve(string serverName) => Resolver().ResolveAsync(serverName, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("203.0.113.7", "https://203.0.113.7:8448/", "203.0.113.7")]
    [InlineData("203.0.113.7:1234", "https://203.0.113.7:1234/", "203.0.113.7:1234")]
    [InlineData("[2001:db8::1]", "https://[2001:db8::1]:8448/", "[2001:db8::1]")]
    [InlineData("explicit.test:9000", "https://explicit.test:9000/", "explicit.test:9000")]
    public async Task Ip_literals_and_explicit_ports_are_used_directly(string serverName, string url, string host)
    {
        serveWellKnown = _ => throw new InvalidOperationException("no well-known lookup expected");
        var target = Assert.Single(await Resolve(serverName));
        Assert.Equal((new Uri(url), host, (DnsEndPoint?)null), (target.BaseUrl, target.HostHeader, target.ConnectTo));
        Assert.Empty(dns.Questions);
    }

    [Fact]
    public async Task Well_known_delegation_with_a_port_is_used_directly()
    {
        serveWellKnown = context => context.Response.WriteAsync("""{"m.server":"delegated.test:8449"}""");
        var target = Assert.Single(await Resolve("example.test"));
        Assert.Equal(new Uri("https://delegated.test:8449/"), target.BaseUrl);
        Assert.Equal("delegated.test:8449", target.HostHeader);
        Assert.Empty(dns.Questions);
    }

    [Fact]
    public async Task Well_known_delegation_without_a_port_looks_up_srv_of_the_delegated_name()
    {
        serveWellKnown = context => context.Response.WriteAsync("""{"m.server":"delegated.test"}""");
        var target = Assert.Single(await Resolve("example.test"));
        Assert.Equal(new Uri("https://delegated.test:8452/"), target.BaseUrl);
        Assert.Equal("delegated.test", target.HostHeader);
        Assert.Equal(new DnsEndPoint("delegated-target.test", 8452), target.ConnectTo);
        Assert.Equal(["_matrix-fed._tcp.delegated.test"], dns.Questions);
    }

    [Fact]
    public async Task Without_well_known_matrix_fed_srv_is_used()
    {
        var target = Assert.Single(await Resolve("fed.test"));
        Assert.Equal((new Uri("https://fed.test:8450/"), "fed.test"), (target.BaseUrl, target.HostHeader));
        Assert.Equal(new DnsEndPoint("fed-target.test", 8450), target.ConnectTo);
    }

    [Fact]
    public async Task Legacy_matrix_srv_is_the_fallback_and_its_trailing_dot_is_dropped()
    {
        var target = Assert.Single(await Resolve("legacy.test"));
        Assert.Equal(new DnsEndPoint("legacy-target.test", 8451), target.ConnectTo);
        Assert.Equal(["_matrix-fed._tcp.legacy.test", "_matrix._tcp.legacy.test"], dns.Questions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"m.server":""}""")]
    [InlineData("""{"m.server":42}""")]
    [InlineData("""{"m.server":"bad name!"}""")]
    [InlineData("[]")]
    public async Task Unusable_well_known_falls_back_to_port_8448(string body)
    {
        serveWellKnown = context => context.Response.WriteAsync(body);
        var target = Assert.Single(await Resolve("plain.test"));
        Assert.Equal((new Uri("https://plain.test:8448/"), "plain.test", (DnsEndPoint?)null), (target.BaseUrl, target.HostHeader, target.ConnectTo));
    }

    [Fact]
    public async Task Oversized_well_known_is_ignored()
    {
        serveWellKnown = context => context.Response.WriteAsync("{\"m.server\":\"delegated.test:1\",\"pad\":\"" + new string('x', 60_000) + "\"}");
        Assert.Equal(new Uri("https://plain.test:8448/"), Assert.Single(await Resolve("plain.test")).BaseUrl);
    }

    [Fact]
    public async Task Invalid_server_name_throws() =>
        await Assert.ThrowsAsync<FederationResolutionException>(() => Resolve("bad/name"));
}
