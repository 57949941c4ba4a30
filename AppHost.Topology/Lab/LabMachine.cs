namespace MatrixRtcLab.Topology.Lab;

/// <summary>What this machine offers the lab; gathered by the AppHost, a fixed value in tests and renders.</summary>
public sealed record LabMachine
{
    /// <summary>The repository checkout (for the scripts in <c>AppHost/LocalRuntime/</c>).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Whether a container runtime answers (or is assumed to).</summary>
    public required bool ContainersAnswer { get; init; }

    /// <summary>Why containers cannot run, when they cannot.</summary>
    public string ContainerProblem { get; init; } = "";

    /// <summary>The full path of a program found on PATH, or null.</summary>
    public Func<string, string?> FindProgram { get; init; } = _ => null;

    /// <summary>A PostgreSQL server binary (<c>postgres</c>, with <c>initdb</c> beside it), or null.</summary>
    public string? PostgresServer { get; init; }

    /// <summary>A built Synapse root (<c>AppHost/LocalRuntime/synapse-root.sh</c>), or null.</summary>
    public string? SynapseRoot { get; init; }

    /// <summary>A machine where containers are assumed to run and nothing local is found: the default lab.</summary>
    public static LabMachine WithContainers(string repositoryRoot) => new() { RepositoryRoot = repositoryRoot, ContainersAnswer = true };
}
