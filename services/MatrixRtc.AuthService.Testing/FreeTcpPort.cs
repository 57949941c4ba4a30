using System.Net;
using System.Net.Sockets;

namespace MatrixRtc.AuthService.Testing;

/// <summary>
/// A loopback port that was free a moment ago, for a server that must be told its port before it
/// starts (a child process, or the service whose webhook URL the SFU has to know first).
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
