using System.Net;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>
/// A loopback port that was free a moment ago. LiveKit's webhook URL must name the service's port
/// before the service can start (it needs LiveKit's mapped port), so the port is chosen first.
/// </summary>
public static class FreeTcpPort
{
    public static ushort Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return (ushort)port;
    }
}
