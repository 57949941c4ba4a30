using System.Net;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// One place to send a federation request: <see cref="BaseUrl"/> carries the TLS name, the socket
/// may go elsewhere (<see cref="ConnectTo"/>, from SRV), and <see cref="HostHeader"/> is the server name.
/// </summary>
public sealed record FederationTarget(Uri BaseUrl, string HostHeader, DnsEndPoint? ConnectTo);
