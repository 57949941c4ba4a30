namespace MatrixRtcLab.Topology.Lab;

/// <summary>How a component of the lab runs (<c>Lab:Runtime</c>, <c>Lab:&lt;Component&gt;:Runtime</c>).</summary>
public enum LabRuntime
{
    /// <summary>Its pinned container image.</summary>
    Container,

    /// <summary>A process on this machine, from a command the user names (or the lab finds).</summary>
    Local,
}
