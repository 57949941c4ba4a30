namespace MatrixRtcLab.Topology.Lab;

/// <summary>The scenario switches of a lab. Defaults are what <c>dotnet run --project AppHost</c> starts.</summary>
public sealed record LabOptions
{
    /// <summary>The Matrix server name; permanent for a database (reset the lab to change it).</summary>
    public string ServerName { get; init; } = "lab.localhost";

    /// <summary>
    /// Synapse and MAS rate limits high enough for automated tests (Element Call's own Playwright
    /// values). Off: the ESS production values, still call-friendly.
    /// </summary>
    public bool RelaxedRateLimits { get; init; } = true;

    /// <summary>MSC4354 sticky events, needed only when Element Call is pinned to matrix_2_0 mode.</summary>
    public bool StickyEvents { get; init; }

    /// <summary>Whether containers may be started, and whether a container runtime is checked for first.</summary>
    public ContainerUse Containers { get; init; } = ContainerUse.Auto;

    /// <summary>Prefix of the Docker volumes, so a reset knows exactly what to delete.</summary>
    public string VolumePrefix { get; init; } = "matrixrtc-lab";
}
