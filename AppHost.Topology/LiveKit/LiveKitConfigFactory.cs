using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.LiveKit;

/// <summary>Builds livekit.yaml (stack.md §2.5 and §8).</summary>
public static class LiveKitConfigFactory
{
    public const string ConfigDirectory = "/etc/livekit";
    public const string ConfigFileName = "livekit.yaml";
    public const string WebhookPath = "sfu_webhook";

    public static LiveKitConfig Create(LabTopology topology, LabSecrets secrets) => new()
    {
        Port = topology.LiveKit.ContainerPort,
        BindAddresses = ["0.0.0.0"],
        Rtc = new LiveKitRtc
        {
            // Published 1:1 and advertised as 127.0.0.1: a browser on this machine reaches the
            // ICE candidates directly (§9 #7, #8: no STUN, no container IPs).
            TcpPort = LabPorts.LiveKitRtcTcp,
            UdpPort = LabPorts.LiveKitRtcUdp,
            UseExternalIp = false,
            NodeIp = "127.0.0.1",
        },
        Turn = new LiveKitTurn(Enabled: false),
        // Inline keys: a bind-mounted key_file with loose permissions is fatal (§9 #10).
        Keys = new Dictionary<string, string> { [secrets.LiveKitApiKey] = secrets.LiveKitApiSecret },
        // Only the auth service (for full-access homeservers) creates rooms.
        Room = new LiveKitRoom(AutoCreate: false),
        Webhook = new LiveKitWebhook(secrets.LiveKitApiKey, [topology.AuthService.Internal(WebhookPath).ToString()]),
    };
}
