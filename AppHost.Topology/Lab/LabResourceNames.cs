namespace MatrixRtcLab.Topology.Lab;

/// <summary>Aspire resource names; a container's name is also its DNS name on the container network.</summary>
public static class LabResourceNames
{
    public const string Postgres = "postgres";
    public const string SynapseDatabase = "synapse-db";
    public const string MasDatabase = "mas-db";
    public const string Redis = "redis";
    public const string Synapse = "synapse";
    public const string Mas = "mas";
    public const string Nextcloud = "nextcloud";
    public const string LiveKit = "livekit";
    public const string AuthService = "auth-service";
    public const string ElementWeb = "element-web";

    /// <summary>
    /// How containers reach processes on the host (our auth service). Docker Desktop defines it;
    /// on Docker Engine the lab adds it with <c>--add-host=host.docker.internal:host-gateway</c>.
    /// </summary>
    public const string HostGateway = "host.docker.internal";
}
