using MatrixRtcLab.Topology.ElementWeb;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.Mas;
using MatrixRtcLab.Topology.Nextcloud;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.Containers;

/// <summary>Describes the lab's own containers (PostgreSQL and Redis come from Aspire's integrations).</summary>
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
            ["SYNAPSE_CONFIG_PATH"] = $"{SynapseConfigFactory.ConfigDirectory}/{SynapseConfigFactory.ConfigFileName}",
            // Run as root inside the container: a fresh named volume on /data is root-owned and the
            // image's run mode does not chown it (Element Call's dev backend does the same).
            ["UID"] = "0",
            ["GID"] = "0",
        },
        Files =
        [
            new(SynapseConfigFactory.ConfigDirectory, SynapseConfigFactory.ConfigFileName, YamlWriter.Serialize(lab.Synapse), ContainerConfigFile.Secret, ImageUsers.Root),
            new(SynapseConfigFactory.ConfigDirectory, SynapseConfigFactory.SigningKeyFileName(lab.Options), lab.SynapseSigningKey, ContainerConfigFile.Secret, ImageUsers.Root),
        ],
        Volumes = [new($"{lab.Options.VolumePrefix}-synapse-data", SynapseConfigFactory.DataDirectory)],
        HealthCheck = new(HttpEndpoint, "/health"),
        DependsOn = [LabResourceNames.SynapseDatabase],
    };

    public static ContainerSpec Mas(LabModel lab) => new()
    {
        Name = LabResourceNames.Mas,
        Image = ImageVersions.MatrixAuthenticationService,
        Endpoints = [Http(lab.Topology.Mas)],
        Args = ["server", "--config", $"{MasConfigFactory.ConfigDirectory}/{MasConfigFactory.ConfigFileName}"],
        Files = [new(MasConfigFactory.ConfigDirectory, MasConfigFactory.ConfigFileName, YamlWriter.Serialize(lab.Mas), ContainerConfigFile.Secret, ImageUsers.DistrolessNonRoot)],
        HealthCheck = new(HttpEndpoint, "/health"),
        DependsOn = [LabResourceNames.MasDatabase, LabResourceNames.Nextcloud],
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
        // The webhook goes to the auth service, which runs on the host.
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
        DependsOn = [LabResourceNames.Synapse, LabResourceNames.Mas],
    };

    public static IReadOnlyList<ContainerSpec> All(LabModel lab) =>
        [Synapse(lab), Mas(lab), Nextcloud(lab), LiveKit(lab), ElementWeb(lab)];

    private static ContainerEndpoint Http(ServiceAddress address) =>
        new(HttpEndpoint, address.HostPort, address.ContainerPort, EndpointProtocol.Http);
}
