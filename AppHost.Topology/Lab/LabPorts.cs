namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Fixed ports. Every browser-facing port is published 1:1 (host port == container port, no
/// proxy), so the same port number is valid on the host and inside the container network.
/// </summary>
public static class LabPorts
{
    public const int Synapse = 8008;
    public const int Mas = 8080;
    public const int Nextcloud = 8083;

    /// <summary>Apache in the stock Nextcloud image listens on 80; published as <see cref="Nextcloud"/>.</summary>
    public const int NextcloudContainer = 80;

    public const int ElementWeb = 8088;
    public const int AuthService = 8090;
    public const int LiveKitHttp = 7880;
    public const int LiveKitRtcTcp = 7881;
    public const int LiveKitRtcUdp = 7882;
    /// <summary>PostgreSQL on the host: the container's published port, or where a local server listens.</summary>
    public const int PostgresHost = 5490;

    public const int PostgresContainer = 5432;

    /// <summary>Redis is published on the host (through Aspire's proxy) for the auth service, which runs on the host.</summary>
    public const int RedisHost = 6390;

    public const int RedisContainer = 6379;
}
