using System.Net;
using System.Net.Sockets;
using System.Text;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>Peers that break HTTP mid-way get documented errors, never a 500.</summary>
public sealed class MisbehavingPeerTests : IAsyncLifetime
{
    private FakeSfu sfu = null!;

    public async ValueTask InitializeAsync() => sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);

    public async ValueTask DisposeAsync() => await sfu.DisposeAsync();

    [Fact]
    public async Task Homeserver_that_cuts_its_userinfo_answer_short_is_unauthorized()
    {
        await using var homeserver = await LoopbackHttpServer.StartAsync(app => app.MapGet("/_matrix/federation/v1/openid/userinfo", async context =>
        {
            context.Response.ContentLength = 100;
            await context.Response.Body.WriteAsync("{\"sub\""u8.ToArray());
            await context.Response.Body.FlushAsync();
            context.Abort();
        }));
        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, "cut.localhost",
            ("LIVEKIT_FEDERATION_URL_OVERRIDES", $"cut.localhost={homeserver.BaseUrl}")));

        using var response = await service.PostAsync("/get_token", TokenRequestBodies.GetToken("cut.localhost", "t", "@a:cut.localhost"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(sfu.Calls);
    }

    [Fact]
    public async Task Malformed_chunked_request_body_is_m_not_json()
    {
        await using var homeserver = await FakeMatrixHomeserver.StartAsync();
        await using var service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(sfu, homeserver.ServerName));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.BaseUrl.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /get_token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
            TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        var rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.Equal("HTTP/1.1 400 Bad Request", statusLine);
        Assert.Contains("M_NOT_JSON", rest, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }
}
