namespace MatrixRtcLab.Topology.Synapse;

/// <summary>Where Synapse finds its config and keeps its data: fixed folders in the container, the lab's state folder locally.</summary>
public sealed record SynapsePaths(string ConfigDirectory, string DataDirectory)
{
    public static SynapsePaths Container { get; } = new("/conf", "/data");

    public static SynapsePaths Local(string stateDirectory) =>
        new(Path.Combine(stateDirectory, "synapse"), Path.Combine(stateDirectory, "synapse", "data"));
}
