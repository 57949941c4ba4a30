using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.LiveKit;

/// <summary>Builds livekit.yaml, for LiveKit in its container or as a local process.</summary>
public static class LiveKitConfigFactory
{
    public const string ConfigDirectory = "/etc/livekit";
    public const string ConfigFileName = "livekit.yaml";
    public const string WebhookPath = "sfu_webhook";

    public static LiveKitConfig Create(LabTopology topology, LabSecrets secrets) => new()
    {
        Port = topology.LiveKit.ListenPort,
        BindAddresses = [topology.LiveKit.OnHost ? "127.0.0.1" : "0.0.0.0"],
        Rtc = new LiveKitRtc
        {
            // Published 1:1 and advertised as 127.0.0.1: a browser on this machine reaches the
            // ICE candidates directly (no STUN, no container IPs).
            TcpPort = LabPorts.LiveKitRtcTcp,
            UdpPort = LabPorts.LiveKitRtcUdp,
            UseExternalIp = false,
            NodeIp = "127.0.0.1",
        },
        Turn = new LiveKitTurn(Enabled: false),
        // Inline keys: a bind-mounted key_file with loose permissions is fatal to LiveKit.
        Keys = new Dictionary<string, string> { [secrets.LiveKitApiKey] = secrets.LiveKitApiSecret },
        // Only the auth service (for full-access homeservers) creates rooms.
        Room = new LiveKitRoom(AutoCreate: false),
        Webhook = new LiveKitWebhook(secrets.LiveKitApiKey, [topology.AuthService.UrlSeenFrom(topology.LiveKit, WebhookPath).ToString()]),
    };
}
