using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.LiveKit;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.LiveKit;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>
/// A real LiveKit SFU (the lab's pinned image) configured as the auth service requires: rooms are
/// never created by joining (<c>room.auto_create: false</c>) and webhooks go to the service.
/// Participants join over its signalling WebSocket (<see cref="SignalConnection"/>).
/// </summary>
public sealed class LiveKitContainer : ISfuUnderTest
{
    private const ushort HttpPort = 7880;
    private const string ConfigPath = "/etc/livekit.yaml";

    private readonly IContainer container;

    private LiveKitContainer(IContainer container, LiveKitCredentials credentials)
    {
        this.container = container;
        Credentials = credentials;
    }

    public LiveKitCredentials Credentials { get; }

    /// <summary>LIVEKIT_URL for the service: signalling and (as http) the Twirp API, from the test host.</summary>
    public Uri WebSocketUrl => new($"ws://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");

    public Uri HttpUrl => new($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");

    /// <param name="webhookUrl">Where LiveKit posts its webhooks, as a container reaches it.</param>
    public static async Task<LiveKitContainer> StartAsync(Uri webhookUrl, CancellationToken cancellationToken)
    {
        var credentials = new LiveKitCredentials("API" + SecretGenerator.AlphanumericString(12), SecretGenerator.AlphanumericString(48));
        var config = new LiveKitConfig
        {
            Port = HttpPort,
            BindAddresses = ["0.0.0.0"],
            // No media flows in these tests; the ports only have to be valid.
            Rtc = new LiveKitRtc { TcpPort = 7881, UdpPort = 7882, UseExternalIp = false, NodeIp = "127.0.0.1" },
            Turn = new LiveKitTurn(Enabled: false),
            Keys = new Dictionary<string, string> { [credentials.Key] = credentials.Secret },
            Room = new LiveKitRoom(AutoCreate: false),
            Webhook = new LiveKitWebhook(credentials.Key, [webhookUrl.ToString()]),
            Logging = new LiveKitLogging("debug"),
        };

        var container = new ContainerBuilder(ImageVersions.LiveKit.Reference)
            .WithResourceMapping(Encoding.UTF8.GetBytes(YamlWriter.Serialize(config)), FilePath.Of(ConfigPath))
            .WithCommand("--config", ConfigPath)
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPort(HttpPort).ForPath("/"),
                wait => wait.WithTimeout(TimeSpan.FromMinutes(2))))
            .Build();
        await ContainerStart.StartAsync(container, "LiveKit", cancellationToken);
        return new LiveKitContainer(container, credentials);
    }

    public async Task<ISfuParticipant> JoinAsync(string participantToken, CancellationToken cancellationToken) =>
        await SignalConnection.JoinAsync(WebSocketUrl, participantToken, cancellationToken);

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
