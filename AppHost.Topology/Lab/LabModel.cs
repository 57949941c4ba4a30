using MatrixRtcLab.Topology.AuthService;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.ElementWeb;
using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.LocalProcesses;
using MatrixRtcLab.Topology.Mas;
using MatrixRtcLab.Topology.Nextcloud;
using MatrixRtcLab.Topology.Secrets;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.Lab;

/// <summary>One lab: its switches, how each component runs, addresses, secrets, and every config derived from them.</summary>
public sealed class LabModel
{
    private LabModel(LabOptions options, LabSecrets secrets, LabMachine machine, string stateDirectory)
    {
        Options = options;
        Secrets = secrets;
        StateDirectory = stateDirectory;
        Components = LabComponentPlanner.Plan(options, machine);
        Topology = new LabTopology(options.ServerName, Components);
        SynapsePaths = Components.Synapse.IsLocal ? SynapsePaths.Local(stateDirectory) : SynapsePaths.Container;
        Synapse = SynapseConfigFactory.Create(options, Topology, secrets, SynapsePaths);
        SynapseSigningKey = SynapseConfigFactory.SigningKeyFile(secrets);
        Mas = MasConfigFactory.Create(options, Topology, secrets);
        LiveKit = LiveKitConfigFactory.Create(Topology, secrets);
        ElementWeb = ElementWebConfigFactory.Create(options, Topology);
        EmbeddedElementCall = ElementWebConfigFactory.CreateEmbeddedElementCall(Topology);
        NextcloudSetup = NextcloudSetup.Create(Topology, secrets, LabUsers.All);
        AuthServiceEnvironment = AuthService.AuthServiceEnvironment.Create(options, Topology, secrets);
        Containers = LabContainers.All(this);
        Processes = LabProcesses.All(this);
    }

    public LabOptions Options { get; }
    public LabSecrets Secrets { get; }

    /// <summary>The folder of the lab's secrets, endpoints file and local processes' data.</summary>
    public string StateDirectory { get; }

    public LabComponents Components { get; }
    public LabTopology Topology { get; }
    public SynapsePaths SynapsePaths { get; }
    public HomeserverConfig Synapse { get; }
    public string SynapseSigningKey { get; }
    public MasConfig Mas { get; }
    public LiveKitConfig LiveKit { get; }
    public ElementWebConfig ElementWeb { get; }
    public EmbeddedElementCallConfig EmbeddedElementCall { get; }
    public NextcloudSetup NextcloudSetup { get; }
    public IReadOnlyDictionary<string, string> AuthServiceEnvironment { get; }

    /// <summary>The components that run as containers (PostgreSQL and Redis come from Aspire's integrations).</summary>
    public IReadOnlyList<ContainerSpec> Containers { get; }

    /// <summary>The components that run as local processes.</summary>
    public IReadOnlyList<LocalProcessSpec> Processes { get; }

    /// <summary>Every resource of the lab that runs here: the components that are not left out, and the auth service.</summary>
    public IReadOnlyList<string> RunningResources =>
        [.. Components.All().Where(c => c.Run is not ComponentRun.LeftOut).Select(c => c.Name), LabResourceNames.AuthService];

    /// <summary>Resources that must be healthy before the auth service starts (those that run).</summary>
    public IReadOnlyList<string> AuthServiceDependsOn =>
        [.. new[] { LabResourceNames.Redis, LabResourceNames.LiveKit, LabResourceNames.Synapse }.Where(Components.Runs)];

    /// <summary>
    /// The resource a component waits for to use a database: the database itself on the PostgreSQL
    /// container (Aspire creates it), the server for a local PostgreSQL (its start-up script creates them).
    /// </summary>
    public string DatabaseResource(string database) => Components.Postgres.IsContainer ? database : LabResourceNames.Postgres;

    /// <summary>
    /// The start order: each resource that waits, with the resources it waits for (Aspire's WaitFor).
    /// The one source of truth; the AppHost applies exactly this.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StartOrder =>
        Containers.Select(c => KeyValuePair.Create(c.Name, c.DependsOn))
            .Concat(Processes.Select(p => KeyValuePair.Create(p.Name, p.DependsOn)))
            .Append(KeyValuePair.Create(LabResourceNames.AuthService, AuthServiceDependsOn))
            .Where(e => e.Value.Count > 0)
            .ToDictionary(StringComparer.Ordinal);

    public ContainerSpec Container(string name) =>
        Containers.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"The lab has no container named '{name}'.", nameof(name));

    /// <summary>What the running lab publishes for tests and tools (host-reachable URLs).</summary>
    public LabEndpoints Endpoints => new()
    {
        ServerName = Options.ServerName,
        HomeserverUrl = Topology.Synapse.PublicUrl,
        ElementWebUrl = Topology.ElementWeb.PublicUrl,
        MasUrl = Components.Mas is null ? null : Topology.Mas.PublicUrl,
        NextcloudUrl = Components.Nextcloud is null ? null : Topology.Nextcloud.PublicUrl,
        AuthServiceUrl = Topology.AuthService.PublicUrl,
        LiveKitUrl = Topology.LiveKitWebSocketUrl,
        Users = LabUsers.All,
        MasAdminClient = Components.Mas is null ? null : new LabClientCredentials(Secrets.MasAdminClientId, Secrets.MasAdminClientSecret),
    };

    /// <summary>Loads (or creates) the secrets in <paramref name="stateDirectory"/> and builds the lab.</summary>
    /// <param name="machine">What this machine offers; by default containers are assumed and nothing local.</param>
    public static LabModel Load(string stateDirectory, LabOptions? options = null, LabMachine? machine = null, TimeProvider? time = null) =>
        new(options ?? new LabOptions(),
            new LabSecretsStore(stateDirectory, time ?? TimeProvider.System).LoadOrCreate(),
            machine ?? LabMachine.WithContainers(""),
            Path.GetFullPath(stateDirectory));
}
