using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Startup;

/// <summary>Finds what this machine offers the lab: a container runtime that answers, programs, PostgreSQL, a Synapse root.</summary>
public static class LabMachineProbe
{
    /// <summary>Where <c>AppHost/LocalRuntime/synapse-root.sh</c> builds the root unless told otherwise.</summary>
    public const string SynapseRootVariable = "MATRIXRTC_LAB_SYNAPSE_ROOT";
    public const string DefaultSynapseRoot = "/var/cache/matrixrtc-lab/synapse-root";
    public const string SynapseRootStamp = ".matrixrtc-lab-synapse-root";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(8);

    public static async Task<LabMachine> ProbeAsync(LabOptions options, string repositoryRoot, string? containerRuntime, CancellationToken cancellationToken)
    {
        var runtime = containerRuntime is { Length: > 0 } ? containerRuntime : "docker";
        var containers = options.Containers switch
        {
            ContainerUse.On => new ContainerRuntimeStatus(runtime, Answers: true, $"{runtime} assumed (Lab:Containers=on)"),
            ContainerUse.Off => new ContainerRuntimeStatus(runtime, Answers: false, "Lab:Containers=off"),
            _ => await ContainerRuntimeProbe.ProbeAsync(runtime, ProbeTimeout, cancellationToken),
        };

        return new LabMachine
        {
            RepositoryRoot = repositoryRoot,
            ContainersAnswer = containers.Answers,
            ContainerProblem = containers.Answers ? "" : containers.Detail,
            FindProgram = FindOnPath,
            PostgresServer = FindOnPath("postgres") ?? NewestDebianPostgres(),
            SynapseRoot = Environment.GetEnvironmentVariable(SynapseRootVariable) is { Length: > 0 } root ? BuiltRoot(root) : BuiltRoot(DefaultSynapseRoot),
        };
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Debian keeps the server out of PATH, under /usr/lib/postgresql/VERSION/bin.</summary>
    private static string? NewestDebianPostgres() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Server: Path.Combine(d, "bin", "postgres")))
                .Where(c => c.Version >= 0 && File.Exists(c.Server))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Server)
                .FirstOrDefault()
            : null;

    private static string? BuiltRoot(string root) => File.Exists(Path.Combine(root, SynapseRootStamp)) ? root : null;
}
