#pragma warning disable ASPIRECERTIFICATES001 // WithoutHttpsCertificate is experimental
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>PostgreSQL (Synapse + MAS databases) and Redis (the auth service's job store).</summary>
public static class StorageResourceExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddLabPostgres(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var password = builder.AddParameter($"{LabResourceNames.Postgres}-password", lab.Secrets.PostgresPassword, secret: true);
        return builder.AddPostgres(LabResourceNames.Postgres, password: password)
            .WithImageRegistry(ImageVersions.Postgres.Registry)
            .WithImage(ImageVersions.Postgres.Repository, ImageVersions.Postgres.Tag)
            .WithDataVolume($"{lab.Options.VolumePrefix}-postgres-data");
    }

    /// <summary>Synapse needs C collation; Aspire's default CREATE DATABASE would not give it.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddSynapseDatabase(this IResourceBuilder<PostgresServerResource> postgres) =>
        postgres.AddDatabase(LabResourceNames.SynapseDatabase, LabDatabases.Synapse)
            .WithCreationScript(LabDatabases.SynapseCreationScript());

    public static IResourceBuilder<PostgresDatabaseResource> AddMasDatabase(this IResourceBuilder<PostgresServerResource> postgres) =>
        postgres.AddDatabase(LabResourceNames.MasDatabase, LabDatabases.Mas);

    public static IResourceBuilder<RedisResource> AddLabRedis(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var password = builder.AddParameter($"{LabResourceNames.Redis}-password", lab.Secrets.RedisPassword, secret: true);
        return builder.AddRedis(LabResourceNames.Redis, port: lab.Topology.Redis.HostPort, password: password)
            .WithImageRegistry(ImageVersions.Redis.Registry)
            .WithImage(ImageVersions.Redis.Repository, ImageVersions.Redis.Tag)
            // Aspire switches Redis to TLS when a dev certificate exists; the auth service's
            // LIVEKIT_REDIS_URL is plain redis:// on a fixed port.
            .WithoutHttpsCertificate()
            .WithDataVolume($"{lab.Options.VolumePrefix}-redis-data");
    }
}
