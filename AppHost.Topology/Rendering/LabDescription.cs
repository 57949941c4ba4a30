using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;

namespace MatrixRtcLab.Topology.Rendering;

/// <summary>containers.json: what the AppHost starts, without file contents (those are rendered next to it).</summary>
public sealed record LabDescription(
    IReadOnlyList<ContainerDescription> Containers,
    PostgresDescription Postgres,
    RedisDescription Redis,
    ProjectDescription AuthService)
{
    public static LabDescription Create(LabModel lab) => new(
        [.. lab.Containers.Select(ContainerDescription.Create)],
        new PostgresDescription(
            LabResourceNames.Postgres, ImageVersions.Postgres, lab.Topology.Postgres.ContainerPort, LabDatabases.User,
            lab.Secrets.PostgresPassword, [LabDatabases.Synapse, LabDatabases.Mas], $"{lab.Options.VolumePrefix}-postgres-data"),
        new RedisDescription(
            LabResourceNames.Redis, ImageVersions.Redis, lab.Topology.Redis.HostPort, lab.Topology.Redis.ContainerPort,
            lab.Secrets.RedisPassword, $"{lab.Options.VolumePrefix}-redis-data"),
        new ProjectDescription(
            LabResourceNames.AuthService, lab.Topology.AuthService.HostPort, Topology.AuthService.AuthServiceEnvironment.HealthPath,
            lab.AuthServiceEnvironment, lab.AuthServiceDependsOn));
}

public sealed record ContainerDescription(
    string Name,
    ContainerImage Image,
    IReadOnlyList<ContainerEndpoint> Endpoints,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Files,
    IReadOnlyList<ContainerVolume> Volumes,
    IReadOnlyList<string> HostGatewayAliases,
    ContainerHealthCheck? HealthCheck,
    IReadOnlyList<string> DependsOn)
{
    public static ContainerDescription Create(ContainerSpec spec) => new(
        spec.Name, spec.Image, spec.Endpoints, spec.Environment, spec.Args,
        [.. spec.Files.Select(f => f.ContainerPath)], spec.Volumes, spec.HostGatewayAliases, spec.HealthCheck, spec.DependsOn);
}

public sealed record PostgresDescription(
    string Name, ContainerImage Image, int ContainerPort, string User, string Password, IReadOnlyList<string> Databases, string Volume);

public sealed record RedisDescription(string Name, ContainerImage Image, int HostPort, int ContainerPort, string Password, string Volume);

public sealed record ProjectDescription(
    string Name, int HostPort, string HealthPath, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> DependsOn);
