namespace MatrixRtcLab.Topology.Containers;

/// <summary>
/// The numeric users the lab's images run their process as, so that generated files holding secrets
/// can be owned by that user alone (mode 0600) instead of readable by everyone in the container.
/// </summary>
public static class ImageUsers
{
    /// <summary>Synapse (the lab sets UID=0/GID=0), LiveKit (no USER in its image).</summary>
    public const int Root = 0;

    /// <summary>MAS: a distroless <c>nonroot</c> image.</summary>
    public const int DistrolessNonRoot = 65532;

    /// <summary>Nextcloud's Debian-based image runs its hooks as <c>www-data</c>.</summary>
    public const int WwwData = 33;
}
