namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// The network layout: one address per service, placed on the host or in the container network by
/// how each component runs (<see cref="LabComponents"/>; without them, every component is a container).
/// Ports are the same either way, so browser URLs never change.
/// </summary>
public sealed record LabTopology(string ServerName, LabComponents? Components = null)
{
    private bool Local(Func<LabComponents, ComponentRun?> component) => Components is { } c && component(c) is ComponentRun.Local;

    public ServiceAddress Synapse => new(LabResourceNames.Synapse, LabPorts.Synapse, LabPorts.Synapse, OnHost: Local(c => c.Synapse));

    public ServiceAddress Mas { get; } = new(LabResourceNames.Mas, LabPorts.Mas, LabPorts.Mas);

    public ServiceAddress Nextcloud { get; } = new(LabResourceNames.Nextcloud, LabPorts.Nextcloud, LabPorts.NextcloudContainer);

    public ServiceAddress ElementWeb { get; } = new(LabResourceNames.ElementWeb, LabPorts.ElementWeb, LabPorts.ElementWeb);

    public ServiceAddress LiveKit => new(LabResourceNames.LiveKit, LabPorts.LiveKitHttp, LabPorts.LiveKitHttp, OnHost: Local(c => c.LiveKit));

    /// <summary>LiveKit signalling as handed to clients (and used by the auth service for the Twirp API).</summary>
    public Uri LiveKitWebSocketUrl => new($"ws://localhost:{LabPorts.LiveKitHttp}");

    /// <summary>The auth service is a project on the host.</summary>
    public ServiceAddress AuthService { get; } = new(LabResourceNames.HostGateway, LabPorts.AuthService, LabPorts.AuthService, OnHost: true);

    public ServiceAddress Postgres => new(LabResourceNames.Postgres, LabPorts.PostgresHost, LabPorts.PostgresContainer, "postgresql", Local(c => c.Postgres));

    public ServiceAddress Redis => new(LabResourceNames.Redis, LabPorts.RedisHost, LabPorts.RedisContainer, "redis", Local(c => c.Redis));

    /// <summary>Whether any running container calls <paramref name="service"/>: a local process must then listen beyond loopback.</summary>
    public bool CalledFromContainers(ServiceAddress service) => Components is not { } c
        || (service.InternalHost == LabResourceNames.Synapse && c.Mas is ComponentRun.Container)
        || (service.InternalHost == LabResourceNames.Postgres && (c.Synapse is ComponentRun.Container || c.Mas is ComponentRun.Container));
}
