namespace MatrixRtcLab.Topology.Lab;

/// <summary>Whether the lab may start containers (<c>Lab:Containers</c>).</summary>
public enum ContainerUse
{
    /// <summary>Check that a container runtime answers before starting; stop with a message if the lab needs one and none does.</summary>
    Auto,

    /// <summary>Start containers without checking first (the orchestrator reports a missing runtime itself).</summary>
    On,

    /// <summary>Never start containers.</summary>
    Off,
}
