namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// The network layout: one address per service. URL scheme: browser and host use
/// <c>http://localhost:PORT</c>; containers use <c>http://RESOURCE:PORT</c> with the same port
/// (except Nextcloud's Apache on 80); containers reach the host-run auth service through
/// <see cref="LabResourceNames.HostGateway"/>.
/// </summary>
public sealed record LabTopology(string ServerName)
{
    public ServiceAddress Synapse { get; } = new(LabResourceNames.Synapse, LabPorts.Synapse, LabPorts.Synapse);

    public ServiceAddress Mas { get; } = new(LabResourceNames.Mas, LabPorts.Mas, LabPorts.Mas);

    public ServiceAddress Nextcloud { get; } = new(LabResourceNames.Nextcloud, LabPorts.Nextcloud, LabPorts.NextcloudContainer);

    public ServiceAddress ElementWeb { get; } = new(LabResourceNames.ElementWeb, LabPorts.ElementWeb, LabPorts.ElementWeb);

    public ServiceAddress LiveKit { get; } = new(LabResourceNames.LiveKit, LabPorts.LiveKitHttp, LabPorts.LiveKitHttp);

    /// <summary>LiveKit signalling as handed to clients (and used by the auth service for the Twirp API).</summary>
    public Uri LiveKitWebSocketUrl => new($"ws://localhost:{LabPorts.LiveKitHttp}");

    /// <summary>The auth service is a project on the host: containers see it through the host gateway.</summary>
    public ServiceAddress AuthService { get; } = new(LabResourceNames.HostGateway, LabPorts.AuthService, LabPorts.AuthService);

    public ServiceAddress Postgres { get; } = new(LabResourceNames.Postgres, LabPorts.Postgres, LabPorts.Postgres, "postgresql");

    public ServiceAddress Redis { get; } = new(LabResourceNames.Redis, LabPorts.RedisHost, LabPorts.RedisContainer, "redis");
}
