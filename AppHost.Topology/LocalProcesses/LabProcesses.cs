using System.Globalization;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Redis;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.LocalProcesses;

/// <summary>
/// The components that run as local processes (<see cref="ComponentRun.Local"/>): the same
/// configuration as their containers, with paths in the lab's state folder and host addresses.
/// </summary>
public static class LabProcesses
{
    public static LocalProcessSpec Synapse(LabModel lab, ComponentRun.Local run)
    {
        var paths = lab.SynapsePaths;
        var config = Path.Combine(paths.ConfigDirectory, SynapseConfigFactory.ConfigFileName);
        return new()
        {
            Name = LabResourceNames.Synapse,
            Program = run.Program,
            Args = [.. run.Arguments, "-c", config],
            WorkingDirectory = paths.ConfigDirectory,
            Files =
            [
                new(config, YamlWriter.Serialize(lab.Synapse), ContainerConfigFile.Secret),
                new(Path.Combine(paths.ConfigDirectory, SynapseConfigFactory.SigningKeyFileName(lab.Options)), lab.SynapseSigningKey, ContainerConfigFile.Secret),
            ],
            Directories = [paths.DataDirectory],
            Endpoints = [new(LabContainers.HttpEndpoint, LabPorts.Synapse, LabPorts.Synapse, EndpointProtocol.Http)],
            HealthCheck = new(LabContainers.HttpEndpoint, "/health"),
            DependsOn = [lab.DatabaseResource(LabResourceNames.SynapseDatabase)],
        };
    }

    /// <summary>
    /// PostgreSQL through <c>AppHost/LocalRuntime/postgres-local.sh</c>: it creates the data folder and
    /// the lab's databases on first start (the same script as the container's), then runs the server.
    /// </summary>
    public static LocalProcessSpec Postgres(LabModel lab, ComponentRun.Local run)
    {
        var directory = Path.Combine(lab.StateDirectory, "postgres");
        var init = Path.Combine(directory, "create-databases.sql");
        var postgres = lab.Topology.Postgres;
        return new()
        {
            Name = LabResourceNames.Postgres,
            Program = run.Program,
            Args =
            [
                .. run.Arguments, Path.Combine(directory, "data"), postgres.HostPort.ToString(CultureInfo.InvariantCulture),
                lab.Topology.CalledFromContainers(postgres) ? "*" : "127.0.0.1", init,
            ],
            WorkingDirectory = directory,
            Environment = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = lab.Secrets.PostgresPassword },
            SecretEnvironment = ["POSTGRES_PASSWORD"],
            Files = [new(init, LabDatabases.CreationScript(), ContainerConfigFile.Readable)],
            Directories = [directory],
            Endpoints = [new("tcp", postgres.HostPort, postgres.HostPort, EndpointProtocol.Tcp)],
        };
    }

    public static LocalProcessSpec Redis(LabModel lab, ComponentRun.Local run)
    {
        var directory = Path.Combine(lab.StateDirectory, "redis");
        var config = Path.Combine(directory, "redis.conf");
        var redis = lab.Topology.Redis;
        return new()
        {
            Name = LabResourceNames.Redis,
            Program = run.Program,
            Args = [.. run.Arguments, config],
            WorkingDirectory = directory,
            Files = [new(config, new RedisServerConfig("127.0.0.1", redis.HostPort, lab.Secrets.RedisPassword, directory).Render(), ContainerConfigFile.Secret)],
            Directories = [directory],
            Endpoints = [new("tcp", redis.HostPort, redis.HostPort, EndpointProtocol.Tcp)],
        };
    }

    public static LocalProcessSpec LiveKit(LabModel lab, ComponentRun.Local run)
    {
        var directory = Path.Combine(lab.StateDirectory, "livekit");
        var config = Path.Combine(directory, LiveKitConfigFactory.ConfigFileName);
        return new()
        {
            Name = LabResourceNames.LiveKit,
            Program = run.Program,
            Args = [.. run.Arguments, "--config", config],
            WorkingDirectory = directory,
            Files = [new(config, YamlWriter.Serialize(lab.LiveKit), ContainerConfigFile.Secret)],
            Directories = [directory],
            Endpoints =
            [
                new(LabContainers.HttpEndpoint, LabPorts.LiveKitHttp, LabPorts.LiveKitHttp, EndpointProtocol.Http),
                new("rtc-tcp", LabPorts.LiveKitRtcTcp, LabPorts.LiveKitRtcTcp, EndpointProtocol.Tcp),
                new("rtc-udp", LabPorts.LiveKitRtcUdp, LabPorts.LiveKitRtcUdp, EndpointProtocol.Udp),
            ],
            HealthCheck = new(LabContainers.HttpEndpoint, "/"),
        };
    }

    public static IReadOnlyList<LocalProcessSpec> All(LabModel lab)
    {
        var components = lab.Components;
        var processes = new List<LocalProcessSpec>();
        if (components.Postgres is ComponentRun.Local postgres)
        {
            processes.Add(Postgres(lab, postgres));
        }

        if (components.Redis is ComponentRun.Local redis)
        {
            processes.Add(Redis(lab, redis));
        }

        if (components.Synapse is ComponentRun.Local synapse)
        {
            processes.Add(Synapse(lab, synapse));
        }

        if (components.LiveKit is ComponentRun.Local livekit)
        {
            processes.Add(LiveKit(lab, livekit));
        }

        return processes;
    }
}
