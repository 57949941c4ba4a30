using System.Net;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>The SRV path end to end: the socket goes to the SRV target, Host and TLS name stay the server name.</summary>
public sealed class FederationDiscoveryTests
{
    [Fact]
    public async Task Token_is_validated_through_an_srv_record()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>
        {
            ["_matrix-fed._tcp.hs.test"] = [new("127.0.0.1", homeserver.BaseUrl.Port, 0, 0)],
        });
        await using var service = await AuthServiceUnderTest.StartAsync(
            AuthServiceUnderTest.Environment(sfu, "hs.test"),
            builder => builder.Services.AddSingleton<ISrvResolver>(new DnsSrvResolver([dns.EndPoint], TimeSpan.FromSeconds(2))));
        homeserver.SubOverride = "@alice:hs.test";

        using var response = await service.PostAsync("/get_token",
            TokenRequestBodies.GetToken("hs.test", homeserver.IssueOpenIdToken("alice"), "@alice:hs.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var userInfo = Assert.Single(homeserver.UserInfoRequests);
        Assert.Equal("hs.test", userInfo.Host);
        Assert.Equal("HTTP/2", userInfo.Protocol);
        Assert.Contains("_matrix-fed._tcp.hs.test", dns.Questions);
    }
}
