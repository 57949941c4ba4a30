using MatrixRtcLab.Topology.Containers;

namespace MatrixRtcLab.Topology.LocalProcesses;

/// <summary>
/// Everything the AppHost needs to start one component as a process on this machine (an Aspire
/// executable); the local counterpart of <see cref="ContainerSpec"/>, with the same name, ports and start order.
/// </summary>
public sealed record LocalProcessSpec
{
    public required string Name { get; init; }
    public required string Program { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public required string WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of <see cref="Environment"/> entries that are secrets (carried as Aspire secret parameters).</summary>
    public IReadOnlyList<string> SecretEnvironment { get; init; } = [];

    /// <summary>Generated files, written before the process starts.</summary>
    public IReadOnlyList<LocalFile> Files { get; init; } = [];

    /// <summary>Folders the process needs (created private to the lab's user).</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>Ports it listens on: host port and process port are the same.</summary>
    public IReadOnlyList<ContainerEndpoint> Endpoints { get; init; } = [];

    /// <summary>An HTTP health check, or null when the AppHost checks the protocol itself (PostgreSQL, Redis).</summary>
    public ContainerHealthCheck? HealthCheck { get; init; }

    /// <summary>Resources that must be healthy before this one starts (Aspire WaitFor).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}

/// <summary>A generated file at an absolute path on this machine.</summary>
public sealed record LocalFile(string Path, string Contents, UnixFileMode Mode);
