using System.Net;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// Like curl's --resolve for every name: whatever host and port a URL names, the socket goes to
/// 127.0.0.1:<paramref name="port"/> (TLS not verified), so discovery code that builds
/// https://name/… URLs can be tested against a loopback server.
/// </summary>
public sealed class LoopbackOnlyHttpClientFactory(int port) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    });
}
