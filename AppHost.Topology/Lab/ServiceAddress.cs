namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Where a service listens. The browser and host processes reach it as <c>localhost:HostPort</c>.
/// A container reaches another container as <c>InternalHost:ContainerPort</c> on the container
/// network, and a service on the host (<see cref="OnHost"/>: a local process, or our auth service)
/// as <c>host.docker.internal:HostPort</c>.
/// </summary>
public sealed record ServiceAddress(string InternalHost, int HostPort, int ContainerPort, string Scheme = "http", bool OnHost = false)
{
    public Uri PublicUrl => new($"{Scheme}://localhost:{HostPort}/");

    public Uri Public(string relative) => new(PublicUrl, relative);

    /// <summary>The public URL without the trailing slash, for values that are used as a prefix.</summary>
    public string PublicOrigin => PublicUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The port the service itself listens on: its host port when it runs on the host.</summary>
    public int ListenPort => OnHost ? HostPort : ContainerPort;

    /// <summary>How <paramref name="client"/> reaches this service.</summary>
    public NetworkAddress SeenFrom(ServiceAddress client) =>
        client.OnHost ? new("localhost", HostPort)
        : OnHost ? new(LabResourceNames.HostGateway, HostPort)
        : new(InternalHost, ContainerPort);

    /// <summary>The URL under which <paramref name="client"/> reaches this service.</summary>
    public Uri UrlSeenFrom(ServiceAddress client, string relative = "") => SeenFrom(client).Url(Scheme, relative);
}
