using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MatrixRtc.AuthService.Tests.DelayedLeave;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Configuration;

/// <summary>
/// The real binary listens only where LIVEKIT_JWT_BIND says, as lk-jwt-service does. ASP.NET Core's own
/// ASPNETCORE_HTTP_PORTS (which the aspnet base image of our container sets to 8080) and ASPNETCORE_URLS
/// are ignored, without Kestrel's "Overriding address(es)" warning in the log.
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Aspnetcore_listen_variables_are_ignored_quietly()
    {
        var (port, httpPorts, urls) = (ServiceBinary.FreePort(), ServiceBinary.FreePort(), ServiceBinary.FreePort());
        var start = ServiceBinary.StartInfo(ServiceBinary.MinimalEnvironment(port,
            ("ASPNETCORE_HTTP_PORTS", $"{httpPorts}"),
            ("ASPNETCORE_URLS", $"http://127.0.0.1:{urls}")));

        var output = new ConcurrentQueue<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(() => ServiceBinary.Answers(http, "/healthz"), "the service answers /healthz", TimeSpan.FromSeconds(20));

            foreach (var other in new[] { httpPorts, urls })
            {
                using var client = new TcpClient();
                await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(System.Net.IPAddress.Loopback, other, TestContext.Current.CancellationToken).AsTask());
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Contains(output, line => line.Contains("Now listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Overriding", StringComparison.Ordinal));
    }
}
