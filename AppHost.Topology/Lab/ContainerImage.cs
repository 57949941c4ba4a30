namespace MatrixRtcLab.Topology.Lab;

/// <summary>A container image pinned to one tag (never <c>latest</c>).</summary>
public sealed record ContainerImage(string Registry, string Repository, string Tag)
{
    public string Reference => $"{Registry}/{Repository}:{Tag}";
}
