namespace MatrixRtcLab.Topology.Lab;

/// <summary>The switches of a lab. Defaults are what <c>dotnet run --project AppHost</c> starts.</summary>
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

    /// <summary>How users log in.</summary>
    public LabLogin Login { get; init; } = LabLogin.Mas;

    /// <summary>The runtime of every component that has a local one (Synapse, PostgreSQL, Redis, LiveKit).</summary>
    public LabRuntime Runtime { get; init; } = LabRuntime.Container;

    public ComponentOptions Synapse { get; init; } = new();
    public ComponentOptions Postgres { get; init; } = new();
    public ComponentOptions Redis { get; init; } = new();
    public ComponentOptions LiveKit { get; init; } = new();

    /// <summary>
    /// Prefix of the Docker volumes (<c>Lab:VolumePrefix</c>), so a reset knows exactly what to delete.
    /// A lab with other secrets (another state folder) needs other volumes: a database keeps the
    /// passwords and keys it was created with.
    /// </summary>
    public string VolumePrefix { get; init; } = "matrixrtc-lab";
}

/// <param name="Runtime">Overrides <see cref="LabOptions.Runtime"/> for this component.</param>
/// <param name="Command">The local command line (program and leading arguments, separated by spaces).</param>
public sealed record ComponentOptions(LabRuntime? Runtime = null, string? Command = null);
