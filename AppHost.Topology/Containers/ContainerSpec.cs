using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.Topology.Containers;

/// <summary>Everything the AppHost needs to start one container; Aspire-free so it can be rendered and tested.</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required ContainerImage Image { get; init; }
    public IReadOnlyList<ContainerEndpoint> Endpoints { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of <see cref="Environment"/> entries that are secrets (carried as Aspire secret parameters).</summary>
    public IReadOnlyList<string> SecretEnvironment { get; init; } = [];

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Generated files, copied into the container when it is created.</summary>
    public IReadOnlyList<ContainerConfigFile> Files { get; init; } = [];

    public IReadOnlyList<ContainerVolume> Volumes { get; init; } = [];

    /// <summary><c>--add-host NAME:host-gateway</c> entries.</summary>
    public IReadOnlyList<string> HostGatewayAliases { get; init; } = [];

    public ContainerHealthCheck? HealthCheck { get; init; }

    /// <summary>Resources that must be healthy before this one starts (Aspire WaitFor).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}

public enum EndpointProtocol
{
    Http,
    Tcp,
    Udp,
}

/// <summary>A port the container listens on, published unproxied as <see cref="HostPort"/>.</summary>
public sealed record ContainerEndpoint(string Name, int HostPort, int ContainerPort, EndpointProtocol Protocol);

/// <summary>
/// A generated file: <see cref="Directory"/> is the absolute directory in the container, <see cref="Owner"/>
/// the numeric user (and group) that owns it there: the user the image runs as, so that files holding
/// secrets can be private to it.
/// </summary>
public sealed record ContainerConfigFile(string Directory, string Name, string Contents, UnixFileMode Mode, int Owner = 0)
{
    /// <summary>0644: no secrets inside.</summary>
    public const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0600: holds secrets; only the owner reads it.</summary>
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700: a script that holds secrets.</summary>
    public const UnixFileMode SecretExecutable = Secret | UnixFileMode.UserExecute;

    public string ContainerPath => $"{Directory.TrimEnd('/')}/{Name}";
}

/// <summary>A named Docker volume (kept across runs; deleted by a lab reset).</summary>
public sealed record ContainerVolume(string Name, string Target);

public sealed record ContainerHealthCheck(string EndpointName, string Path);
