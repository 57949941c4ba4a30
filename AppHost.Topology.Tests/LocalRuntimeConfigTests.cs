using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.LocalProcesses;
using MatrixRtcLab.Topology.Redis;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>The same model, rendered for local processes: only paths and addresses differ.</summary>
public sealed class LocalRuntimeConfigTests : IDisposable
{
    private readonly TemporaryDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private LabModel Load(LabOptions options, LabMachine machine) => LabModel.Load(_state.Path, options, machine);

    private static readonly LabMachine Machine = new()
    {
        RepositoryRoot = "/repo",
        ContainersAnswer = true,
        FindProgram = name => $"/usr/bin/{name}",
        PostgresServer = "/usr/lib/postgresql/15/bin/postgres",
        SynapseRoot = "/var/cache/matrixrtc-lab/synapse-root",
    };

    [Fact]
    public void A_local_synapse_keeps_its_files_in_the_state_folder_and_reaches_a_local_database_on_localhost()
    {
        var lab = Load(new LabOptions { Runtime = LabRuntime.Local, Login = LabLogin.Password }, Machine);
        var synapse = lab.Synapse;

        Assert.Equal(Path.Combine(_state.Path, "synapse", "data", "media_store"), synapse.MediaStorePath);
        Assert.StartsWith(Path.Combine(_state.Path, "synapse"), synapse.SigningKeyPath, StringComparison.Ordinal);
        Assert.Equal(("localhost", LabPorts.PostgresHost), (synapse.Database.Args.Host, synapse.Database.Args.Port));
        Assert.Equal(["127.0.0.1"], Assert.Single(synapse.Listeners).BindAddresses);
        Assert.Equal(LabPorts.Synapse, synapse.Listeners[0].Port);

        var process = lab.Processes.Single(p => p.Name == LabResourceNames.Synapse);
        Assert.Equal(["-c", Path.Combine(_state.Path, "synapse", "homeserver.yaml")], process.Args);
        Assert.All(process.Files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, f.Mode));
        Assert.Equal([LabResourceNames.Postgres], process.DependsOn);
    }

    [Fact]
    public void Password_login_has_no_MAS_section_and_a_registration_secret()
    {
        var lab = Load(new LabOptions { Login = LabLogin.Password }, Machine);
        Assert.Null(lab.Synapse.MatrixAuthenticationService);
        Assert.True(lab.Synapse.PasswordConfig.Enabled);
        Assert.Equal(lab.Secrets.SynapseRegistrationSharedSecret, lab.Synapse.RegistrationSharedSecret);
        Assert.Null(lab.Endpoints.MasUrl);
        Assert.Null(lab.Endpoints.MasAdminClient);
        Assert.DoesNotContain(lab.Containers, c => c.Name is LabResourceNames.Mas or LabResourceNames.Nextcloud);
    }

    [Fact]
    public void MAS_in_its_container_reaches_a_local_synapse_and_database_through_the_host_gateway()
    {
        var lab = Load(new LabOptions { Synapse = new(LabRuntime.Local), Postgres = new(LabRuntime.Local) }, Machine);

        Assert.Equal($"http://{LabResourceNames.HostGateway}:{LabPorts.Synapse}/", lab.Mas.Matrix.Endpoint);
        Assert.Contains($"@{LabResourceNames.HostGateway}:{LabPorts.PostgresHost}/", lab.Mas.Database.Uri, StringComparison.Ordinal);
        // Called from a container, the local Synapse and PostgreSQL listen beyond loopback.
        Assert.Equal(["0.0.0.0"], lab.Synapse.Listeners[0].BindAddresses);
        Assert.Contains("*", lab.Processes.Single(p => p.Name == LabResourceNames.Postgres).Args);
        // The other way round, a local Synapse reaches MAS's container on its published port.
        Assert.Equal($"http://localhost:{LabPorts.Mas}/", lab.Synapse.MatrixAuthenticationService!.Endpoint);
    }

    [Fact]
    public void The_start_order_follows_the_runtime_of_the_database()
    {
        var containers = Load(new LabOptions(), Machine);
        Assert.Equal([LabResourceNames.SynapseDatabase], containers.StartOrder[LabResourceNames.Synapse]);

        var local = Load(new LabOptions { Runtime = LabRuntime.Local, Login = LabLogin.Password, Containers = ContainerUse.Off }, Machine with { FindProgram = n => n == "redis-server" ? "/usr/bin/redis-server" : null });
        Assert.Equal([LabResourceNames.Postgres], local.StartOrder[LabResourceNames.Synapse]);
        // LiveKit is left out: the auth service does not wait for it.
        Assert.Equal([LabResourceNames.Redis, LabResourceNames.Synapse], local.StartOrder[LabResourceNames.AuthService]);
    }

    [Fact]
    public void A_local_redis_gets_its_password_from_a_private_config_file_not_the_command_line()
    {
        var lab = Load(new LabOptions { Redis = new(LabRuntime.Local) }, Machine);
        var redis = lab.Processes.Single(p => p.Name == LabResourceNames.Redis);
        var config = Assert.Single(redis.Files);

        Assert.Equal([config.Path], redis.Args);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, config.Mode);
        Assert.Contains($"requirepass \"{lab.Secrets.RedisPassword}\"\n", config.Contents, StringComparison.Ordinal);
        Assert.Contains($"port {LabPorts.RedisHost}\n", config.Contents, StringComparison.Ordinal);
        Assert.DoesNotContain(redis.Args, a => a.Contains(lab.Secrets.RedisPassword, StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_config_values_are_quoted()
    {
        var rendered = new RedisServerConfig("127.0.0.1", 6390, "pa\"ss\\word", "/tmp/x y").Render();
        Assert.Contains("requirepass \"pa\\\"ss\\\\word\"\n", rendered, StringComparison.Ordinal);
        Assert.Contains("dir \"/tmp/x y\"\n", rendered, StringComparison.Ordinal);
        Assert.Contains("save 60 1\n", rendered, StringComparison.Ordinal);
    }
}
