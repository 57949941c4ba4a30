namespace MatrixRtcLab.Topology.Lab;

/// <summary>Decides how each component runs from the lab's switches and what the machine offers.</summary>
public static class LabComponentPlanner
{
    public const string SynapseWrapper = "AppHost/LocalRuntime/synapse-in-root.sh";
    public const string PostgresWrapper = "AppHost/LocalRuntime/postgres-local.sh";

    public static LabComponents Plan(LabOptions options, LabMachine machine)
    {
        ComponentRun ContainerOnly(string name) =>
            options.Containers == ContainerUse.Off
                ? new ComponentRun.LeftOut($"{name} runs only as a container and Lab:Containers=off")
                : machine.ContainersAnswer
                    ? new ComponentRun.Container()
                    : new ComponentRun.LeftOut($"{name} runs only as a container and no container runtime answers ({machine.ContainerProblem})");

        ComponentRun Choose(string name, string section, ComponentOptions component, Func<ComponentRun.Local?> found, string howToGetOne)
        {
            if ((component.Runtime ?? options.Runtime) == LabRuntime.Container)
            {
                return options.Containers == ContainerUse.Off
                    ? new ComponentRun.LeftOut($"{name} is set to run as a container and Lab:Containers=off; set Lab:{section}:Runtime=local")
                    : machine.ContainersAnswer
                        ? new ComponentRun.Container()
                        : new ComponentRun.LeftOut($"{name} runs as a container and no container runtime answers ({machine.ContainerProblem})");
            }

            if (component.Command is { } command)
            {
                var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var program = Path.IsPathRooted(words[0]) ? (File.Exists(words[0]) ? words[0] : null) : machine.FindProgram(words[0]);
                return program is null
                    ? new ComponentRun.LeftOut($"Lab:{section}:Command names '{words[0]}', which is not there")
                    : new ComponentRun.Local(program, words[1..]);
            }

            return found() ?? (ComponentRun)new ComponentRun.LeftOut($"no local {name} on this machine: {howToGetOne}");
        }

        ComponentRun.Local? OnPath(string program) => machine.FindProgram(program) is { } path ? new(path, []) : null;

        // PostgreSQL runs through a wrapper that initialises its data folder first; the command names the server binary.
        var postgresWrapper = Path.Combine(machine.RepositoryRoot, PostgresWrapper);
        var postgres = Choose("PostgreSQL", "Postgres", options.Postgres,
            () => machine.PostgresServer is { } server ? new(server, []) : null,
            "install PostgreSQL (Debian: postgresql), or set Lab:Postgres:Command to a 'postgres' binary with 'initdb' beside it");

        return new LabComponents(
            Postgres: postgres is ComponentRun.Local server ? new ComponentRun.Local(postgresWrapper, [server.Program]) : postgres,
            Redis: Choose("Redis", "Redis", options.Redis, () => OnPath("redis-server"),
                "install redis-server, or set Lab:Redis:Command"),
            Synapse: Choose("Synapse", "Synapse", options.Synapse,
                () => machine.SynapseRoot is not null ? new(Path.Combine(machine.RepositoryRoot, SynapseWrapper), []) : null,
                "build the Synapse root with AppHost/LocalRuntime/synapse-root.sh, or set Lab:Synapse:Command to a command that runs " +
                "synapse.app.homeserver (e.g. '/srv/synapse/env/bin/python -m synapse.app.homeserver')"),
            LiveKit: Choose("LiveKit", "LiveKit", options.LiveKit, () => OnPath("livekit-server"),
                "put a livekit-server binary on PATH, or set Lab:LiveKit:Command"),
            ElementWeb: ContainerOnly("Element Web"),
            Mas: options.Login == LabLogin.Mas ? ContainerOnly("MAS") : null,
            Nextcloud: options.Login == LabLogin.Mas ? ContainerOnly("Nextcloud") : null);
    }
}
