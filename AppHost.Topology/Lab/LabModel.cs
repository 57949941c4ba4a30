using MatrixRtcLab.Topology.AuthService;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.ElementWeb;
using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.Mas;
using MatrixRtcLab.Topology.Nextcloud;
using MatrixRtcLab.Topology.Secrets;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.Lab;

/// <summary>One lab: its switches, addresses and secrets, and every config derived from them.</summary>
public sealed class LabModel
{
    private LabModel(LabOptions options, LabSecrets secrets)
    {
        Options = options;
        Secrets = secrets;
        Topology = new LabTopology(options.ServerName);
        Synapse = SynapseConfigFactory.Create(options, Topology, secrets);
        SynapseSigningKey = SynapseConfigFactory.SigningKeyFile(secrets);
        Mas = MasConfigFactory.Create(options, Topology, secrets);
        LiveKit = LiveKitConfigFactory.Create(Topology, secrets);
        ElementWeb = ElementWebConfigFactory.Create(options, Topology);
        EmbeddedElementCall = ElementWebConfigFactory.CreateEmbeddedElementCall(Topology);
        NextcloudSetup = NextcloudSetup.Create(Topology, secrets, LabUsers.All);
        AuthServiceEnvironment = AuthService.AuthServiceEnvironment.Create(options, Topology, secrets);
        Containers = LabContainers.All(this);
    }

    public LabOptions Options { get; }
    public LabSecrets Secrets { get; }
    public LabTopology Topology { get; }
    public HomeserverConfig Synapse { get; }
    public string SynapseSigningKey { get; }
    public MasConfig Mas { get; }
    public LiveKitConfig LiveKit { get; }
    public ElementWebConfig ElementWeb { get; }
    public EmbeddedElementCallConfig EmbeddedElementCall { get; }
    public NextcloudSetup NextcloudSetup { get; }
    public IReadOnlyDictionary<string, string> AuthServiceEnvironment { get; }
    public IReadOnlyList<ContainerSpec> Containers { get; }

    /// <summary>Resources that must be healthy before the auth service starts.</summary>
    public IReadOnlyList<string> AuthServiceDependsOn { get; } = [LabResourceNames.Redis, LabResourceNames.LiveKit, LabResourceNames.Synapse];

    /// <summary>
    /// The start order: each resource that waits, with the resources it waits for (Aspire's WaitFor).
    /// The one source of truth; the AppHost applies exactly this.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StartOrder =>
        Containers.Where(c => c.DependsOn.Count > 0)
            .Select(c => KeyValuePair.Create(c.Name, c.DependsOn))
            .Append(KeyValuePair.Create(LabResourceNames.AuthService, AuthServiceDependsOn))
            .ToDictionary(StringComparer.Ordinal);

    public ContainerSpec Container(string name) =>
        Containers.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"The lab has no container named '{name}'.", nameof(name));

    /// <summary>What the running lab publishes for tests and tools (host-reachable URLs).</summary>
    public LabEndpoints Endpoints => new()
    {
        ServerName = Options.ServerName,
        HomeserverUrl = Topology.Synapse.PublicUrl,
        ElementWebUrl = Topology.ElementWeb.PublicUrl,
        MasUrl = Topology.Mas.PublicUrl,
        NextcloudUrl = Topology.Nextcloud.PublicUrl,
        AuthServiceUrl = Topology.AuthService.PublicUrl,
        LiveKitUrl = Topology.LiveKitWebSocketUrl,
        Users = LabUsers.All,
        MasAdminClient = new LabClientCredentials(Secrets.MasAdminClientId, Secrets.MasAdminClientSecret),
    };

    public static LabModel Create(LabOptions options, LabSecrets secrets) => new(options, secrets);

    /// <summary>Loads (or creates) the secrets in <paramref name="stateDirectory"/> and builds the lab.</summary>
    public static LabModel Load(string stateDirectory, LabOptions? options = null, TimeProvider? time = null) =>
        new(options ?? new LabOptions(), new LabSecretsStore(stateDirectory, time ?? TimeProvider.System).LoadOrCreate());
}
