using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Startup;

/// <summary>Finds what this machine offers the lab: a container runtime that answers, programs, PostgreSQL, a Synapse root.</summary>
public static class LabMachineProbe
{
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
            SynapseRoot = SynapseRootLocation.Configured(Environment.GetEnvironmentVariable) is var root && SynapseRootLocation.IsBuilt(root) ? root : null,
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
}
