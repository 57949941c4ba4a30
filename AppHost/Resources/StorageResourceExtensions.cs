#pragma warning disable ASPIRECERTIFICATES001 // WithoutHttpsCertificate is experimental
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>PostgreSQL (Synapse + MAS databases) and Redis (the auth service's job store), as containers or local servers.</summary>
public static class StorageResourceExtensions
{
    public static void AddLabPostgres(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var address = lab.Topology.Postgres;
        switch (lab.Components.Postgres)
        {
            case ComponentRun.Container:
                var password = builder.AddParameter($"{LabResourceNames.Postgres}-password", lab.Secrets.PostgresPassword, secret: true);
                var postgres = builder.AddPostgres(LabResourceNames.Postgres, password: password, port: address.HostPort)
                    .WithImageRegistry(ImageVersions.Postgres.Registry)
                    .WithImage(ImageVersions.Postgres.Repository, ImageVersions.Postgres.Tag)
                    .WithDataVolume($"{lab.Options.VolumePrefix}-postgres-data");
                // Synapse needs C collation; Aspire's default CREATE DATABASE would not give it.
                postgres.AddDatabase(LabResourceNames.SynapseDatabase, LabDatabases.Synapse)
                    .WithCreationScript(LabDatabases.SynapseCreationScript());
                postgres.AddDatabase(LabResourceNames.MasDatabase, LabDatabases.Mas);
                break;
            case ComponentRun.Local:
                var connection = $"Host=localhost;Port={address.HostPort};Username={LabDatabases.User};Password={lab.Secrets.PostgresPassword};Database={LabDatabases.Synapse}";
                builder.Services.AddHealthChecks().AddNpgSql(connection, name: "postgres-local-ready");
                builder.AddLabProcess(lab.Processes.Single(p => p.Name == LabResourceNames.Postgres)).WithHealthCheck("postgres-local-ready");
                break;
            case ComponentRun.LeftOut leftOut:
                builder.AddLeftOut(LabResourceNames.Postgres, leftOut.Reason);
                break;
        }
    }

    public static void AddLabRedis(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var address = lab.Topology.Redis;
        switch (lab.Components.Redis)
        {
            case ComponentRun.Container:
                var password = builder.AddParameter($"{LabResourceNames.Redis}-password", lab.Secrets.RedisPassword, secret: true);
                builder.AddRedis(LabResourceNames.Redis, port: address.HostPort, password: password)
                    .WithImageRegistry(ImageVersions.Redis.Registry)
                    .WithImage(ImageVersions.Redis.Repository, ImageVersions.Redis.Tag)
                    // Aspire switches Redis to TLS when a dev certificate exists; the auth service's
                    // LIVEKIT_REDIS_URL is plain redis:// on a fixed port.
                    .WithoutHttpsCertificate()
                    .WithDataVolume($"{lab.Options.VolumePrefix}-redis-data");
                break;
            case ComponentRun.Local:
                builder.Services.AddHealthChecks().AddRedis($"localhost:{address.HostPort},password={lab.Secrets.RedisPassword}", name: "redis-local-ready");
                builder.AddLabProcess(lab.Processes.Single(p => p.Name == LabResourceNames.Redis)).WithHealthCheck("redis-local-ready");
                break;
            case ComponentRun.LeftOut leftOut:
                builder.AddLeftOut(LabResourceNames.Redis, leftOut.Reason);
                break;
        }
    }
}
