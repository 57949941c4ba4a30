namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Where a service listens. Outside the container network (browser, host processes) it is
/// <c>localhost:HostPort</c>; inside it is <c>InternalHost:ContainerPort</c>.
/// </summary>
public sealed record ServiceAddress(string InternalHost, int HostPort, int ContainerPort, string Scheme = "http")
{
    public Uri PublicUrl => new($"{Scheme}://localhost:{HostPort}/");

    public Uri InternalUrl => new($"{Scheme}://{InternalHost}:{ContainerPort}/");

    public Uri Public(string relative) => new(PublicUrl, relative);

    public Uri Internal(string relative) => new(InternalUrl, relative);

    /// <summary>The public URL without the trailing slash, for values that are used as a prefix.</summary>
    public string PublicOrigin => PublicUrl.GetLeftPart(UriPartial.Authority);
}
