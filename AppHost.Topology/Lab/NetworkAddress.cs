namespace MatrixRtcLab.Topology.Lab;

/// <summary>A host and port as one component of the lab reaches another.</summary>
public sealed record NetworkAddress(string Host, int Port)
{
    public Uri Url(string scheme, string relative = "") => new(new Uri($"{scheme}://{Host}:{Port}/"), relative);
}
