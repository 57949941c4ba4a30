using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.Topology.Tests;

public sealed class ComponentPlannerTests
{
    private static readonly LabMachine WithoutContainers = new()
    {
        RepositoryRoot = "/repo",
        ContainersAnswer = false,
        ContainerProblem = "`docker info`: Cannot connect to the Docker daemon",
        FindProgram = name => name == "redis-server" ? "/usr/bin/redis-server" : null,
        PostgresServer = "/usr/lib/postgresql/15/bin/postgres",
        SynapseRoot = "/var/cache/matrixrtc-lab/synapse-root",
    };

    [Fact]
    public void By_default_everything_is_a_container()
    {
        var components = LabComponentPlanner.Plan(new LabOptions(), LabMachine.WithContainers("/repo"));
        Assert.All(components.All(), c => Assert.IsType<ComponentRun.Container>(c.Run));
        Assert.Equal(7, components.All().Count());
    }

    [Fact]
    public void Without_a_container_runtime_the_default_lab_misses_its_essentials_with_the_runtimes_answer()
    {
        var components = LabComponentPlanner.Plan(new LabOptions(), WithoutContainers);
        var missing = components.MissingEssentials().ToDictionary(m => m.Name, m => m.Reason.Reason);
        Assert.Equal(["mas", "nextcloud", "postgres", "redis", "synapse"], missing.Keys.Order());
        Assert.All(missing.Values, reason => Assert.Contains("Cannot connect to the Docker daemon", reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Local_runtime_with_password_login_runs_what_the_machine_has_and_leaves_out_the_rest()
    {
        var components = LabComponentPlanner.Plan(new LabOptions { Runtime = LabRuntime.Local, Login = LabLogin.Password }, WithoutContainers);

        Assert.Empty(components.MissingEssentials());
        Assert.Null(components.Mas);
        Assert.Null(components.Nextcloud);
        Assert.Equal(new ComponentRun.Local("/repo/AppHost/LocalRuntime/synapse-in-root.sh", []), components.Synapse with { });
        var postgres = Assert.IsType<ComponentRun.Local>(components.Postgres);
        Assert.Equal("/repo/AppHost/LocalRuntime/postgres-local.sh", postgres.Program);
        Assert.Equal(["/usr/lib/postgresql/15/bin/postgres"], postgres.Arguments);
        Assert.Equal("/usr/bin/redis-server", Assert.IsType<ComponentRun.Local>(components.Redis).Program);
        Assert.Contains("livekit-server", Assert.IsType<ComponentRun.LeftOut>(components.LiveKit).Reason, StringComparison.Ordinal);
        Assert.Contains("no container runtime answers", Assert.IsType<ComponentRun.LeftOut>(components.ElementWeb).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_names_the_program_and_its_leading_arguments()
    {
        var options = new LabOptions
        {
            Runtime = LabRuntime.Local,
            Login = LabLogin.Password,
            Synapse = new ComponentOptions(Command: "python3 -m synapse.app.homeserver"),
        };
        var machine = WithoutContainers with { FindProgram = name => name is "python3" or "redis-server" ? $"/usr/bin/{name}" : null };

        var synapse = Assert.IsType<ComponentRun.Local>(LabComponentPlanner.Plan(options, machine).Synapse);
        Assert.Equal("/usr/bin/python3", synapse.Program);
        Assert.Equal(["-m", "synapse.app.homeserver"], synapse.Arguments);
    }

    [Fact]
    public void A_command_that_is_not_there_leaves_the_component_out_naming_the_key()
    {
        var options = new LabOptions { Runtime = LabRuntime.Local, Login = LabLogin.Password, Redis = new ComponentOptions(Command: "/nowhere/redis-server") };
        var redis = Assert.IsType<ComponentRun.LeftOut>(LabComponentPlanner.Plan(options, WithoutContainers).Redis);
        Assert.Contains("Lab:Redis:Command", redis.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_off_leaves_out_every_container_even_where_a_runtime_answers()
    {
        var options = new LabOptions { Runtime = LabRuntime.Local, Login = LabLogin.Password, Containers = ContainerUse.Off };
        var components = LabComponentPlanner.Plan(options, LabMachine.WithContainers("/repo") with { SynapseRoot = "/root", PostgresServer = "/pg", FindProgram = _ => "/usr/bin/x" });
        Assert.Contains("Lab:Containers=off", Assert.IsType<ComponentRun.LeftOut>(components.ElementWeb).Reason, StringComparison.Ordinal);
        Assert.True(components.Synapse.IsLocal);
    }

    [Fact]
    public void One_component_can_run_locally_while_the_others_stay_containers()
    {
        var options = new LabOptions { Synapse = new ComponentOptions(LabRuntime.Local) };
        var components = LabComponentPlanner.Plan(options, LabMachine.WithContainers("/repo") with { SynapseRoot = "/root" });
        Assert.True(components.Synapse.IsLocal);
        Assert.All(components.All().Where(c => c.Name != LabResourceNames.Synapse), c => Assert.True(c.Run.IsContainer));
    }
}
