using MatrixRtcLab.Topology.ElementWeb;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.Mas;
using MatrixRtcLab.Topology.Nextcloud;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.Containers;

/// <summary>Describes the lab's own containers (PostgreSQL and Redis come from Aspire's integrations).</summary>
/// <remarks>
/// Every container that may call a service on the host (the auth service, or a component running as a
/// local process) gets <see cref="LabResourceNames.HostGateway"/>.
/// </remarks>
public static class LabContainers
{
    public const string HttpEndpoint = "http";

    public static ContainerSpec Synapse(LabModel lab) => new()
    {
        Name = LabResourceNames.Synapse,
        Image = ImageVersions.Synapse,
        Endpoints = [Http(lab.Topology.Synapse)],
        Environment = new Dictionary<string, string>
        {
            ["SYNAPSE_CONFIG_PATH"] = $"{SynapsePaths.Container.ConfigDirectory}/{SynapseConfigFactory.ConfigFileName}",
            // Run as root inside the container: a fresh named volume on /data is root-owned and the
            // image's run mode does not chown it (Element Call's dev backend does the same).
            ["UID"] = "0",
            ["GID"] = "0",
        },
        Files =
        [
            new(SynapsePaths.Container.ConfigDirectory, SynapseConfigFactory.ConfigFileName, YamlWriter.Serialize(lab.Synapse), ContainerConfigFile.Secret, ImageUsers.Root),
            new(SynapsePaths.Container.ConfigDirectory, SynapseConfigFactory.SigningKeyFileName(lab.Options), lab.SynapseSigningKey, ContainerConfigFile.Secret, ImageUsers.Root),
        ],
        Volumes = [new($"{lab.Options.VolumePrefix}-synapse-data", SynapsePaths.Container.DataDirectory)],
        HostGatewayAliases = [LabResourceNames.HostGateway],
        HealthCheck = new(HttpEndpoint, "/health"),
        DependsOn = [lab.DatabaseResource(LabResourceNames.SynapseDatabase)],
    };

    public static ContainerSpec Mas(LabModel lab) => new()
    {
        Name = LabResourceNames.Mas,
        Image = ImageVersions.MatrixAuthenticationService,
        Endpoints = [Http(lab.Topology.Mas)],
        Args = ["server", "--config", $"{MasConfigFactory.ConfigDirectory}/{MasConfigFactory.ConfigFileName}"],
        Files = [new(MasConfigFactory.ConfigDirectory, MasConfigFactory.ConfigFileName, YamlWriter.Serialize(lab.Mas), ContainerConfigFile.Secret, ImageUsers.DistrolessNonRoot)],
        HostGatewayAliases = [LabResourceNames.HostGateway],
        HealthCheck = new(HttpEndpoint, "/health"),
        DependsOn = [lab.DatabaseResource(LabResourceNames.MasDatabase), LabResourceNames.Nextcloud],
    };

    public static ContainerSpec Nextcloud(LabModel lab) => new()
    {
        Name = LabResourceNames.Nextcloud,
        Image = ImageVersions.Nextcloud,
        Endpoints = [Http(lab.Topology.Nextcloud)],
        Environment = new Dictionary<string, string>
        {
            ["SQLITE_DATABASE"] = "nextcloud",
            ["NEXTCLOUD_ADMIN_USER"] = "admin",
            ["NEXTCLOUD_ADMIN_PASSWORD"] = lab.Secrets.NextcloudAdminPassword,
            // Pin Nextcloud's issuer and every URL it generates to the browser URL, whichever Host
            // a request uses (MAS calls it as http://nextcloud); this also trusts every Host.
            ["OVERWRITEHOST"] = lab.Topology.Nextcloud.PublicUrl.Authority,
            ["OVERWRITEPROTOCOL"] = lab.Topology.Nextcloud.PublicUrl.Scheme,
            ["OVERWRITECLIURL"] = lab.Topology.Nextcloud.PublicOrigin,
        },
        SecretEnvironment = ["NEXTCLOUD_ADMIN_PASSWORD"],
        Files = [new(NextcloudSetup.HookDirectory, NextcloudSetup.HookFileName, lab.NextcloudSetup.RenderScript(), ContainerConfigFile.SecretExecutable, ImageUsers.WwwData)],
        Volumes = [new($"{lab.Options.VolumePrefix}-nextcloud-data", "/var/www/html")],
        HealthCheck = new(HttpEndpoint, NextcloudOidc.DiscoveryPath),
    };

    public static ContainerSpec LiveKit(LabModel lab) => new()
    {
        Name = LabResourceNames.LiveKit,
        Image = ImageVersions.LiveKit,
        Endpoints =
        [
            Http(lab.Topology.LiveKit),
            new("rtc-tcp", LabPorts.LiveKitRtcTcp, LabPorts.LiveKitRtcTcp, EndpointProtocol.Tcp),
            new("rtc-udp", LabPorts.LiveKitRtcUdp, LabPorts.LiveKitRtcUdp, EndpointProtocol.Udp),
        ],
        Args = ["--config", $"{LiveKitConfigFactory.ConfigDirectory}/{LiveKitConfigFactory.ConfigFileName}"],
        Files = [new(LiveKitConfigFactory.ConfigDirectory, LiveKitConfigFactory.ConfigFileName, YamlWriter.Serialize(lab.LiveKit), ContainerConfigFile.Secret, ImageUsers.Root)],
        HostGatewayAliases = [LabResourceNames.HostGateway],
        HealthCheck = new(HttpEndpoint, "/"),
    };

    public static ContainerSpec ElementWeb(LabModel lab) => new()
    {
        Name = LabResourceNames.ElementWeb,
        Image = ImageVersions.ElementWeb,
        Endpoints = [Http(lab.Topology.ElementWeb)],
        // nginx listens here instead of 80 (works under rootless runtimes too).
        Environment = new Dictionary<string, string> { ["ELEMENT_WEB_PORT"] = lab.Topology.ElementWeb.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Files =
        [
            new(ElementWebConfigFactory.ConfigDirectory, ElementWebConfigFactory.ConfigFileName, JsonWriter.Serialize(lab.ElementWeb), ContainerConfigFile.Readable),
            new(ElementWebConfigFactory.EmbeddedElementCallDirectory, ElementWebConfigFactory.ConfigFileName, JsonWriter.Serialize(lab.EmbeddedElementCall), ContainerConfigFile.Readable),
        ],
        HealthCheck = new(HttpEndpoint, "/config.json"),
        DependsOn = [.. new[] { LabResourceNames.Synapse, LabResourceNames.Mas }.Where(lab.Components.Runs)],
    };

    /// <summary>The components that run as containers in this lab.</summary>
    public static IReadOnlyList<ContainerSpec> All(LabModel lab)
    {
        var specs = new List<ContainerSpec>();
        var components = lab.Components;
        if (components.Synapse.IsContainer)
        {
            specs.Add(Synapse(lab));
        }

        if (components.Mas is { IsContainer: true })
        {
            specs.Add(Mas(lab));
        }

        if (components.Nextcloud is { IsContainer: true })
        {
            specs.Add(Nextcloud(lab));
        }

        if (components.LiveKit.IsContainer)
        {
            specs.Add(LiveKit(lab));
        }

        if (components.ElementWeb.IsContainer)
        {
            specs.Add(ElementWeb(lab));
        }

        return specs;
    }

    private static ContainerEndpoint Http(ServiceAddress address) =>
        new(HttpEndpoint, address.HostPort, address.ContainerPort, EndpointProtocol.Http);
}
