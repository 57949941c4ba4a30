using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.Synapse;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>A real Synapse (the lab's pinned image) with SQLite, shared-secret registration and delayed events.</summary>
public sealed class SynapseContainer : ISynapseUnderTest
{
    private const ushort HttpPort = 8008;
    private const string ConfigDirectory = "/conf";
    private const string DataDirectory = "/data";

    private readonly IContainer container;
    private readonly string databasePath;

    private SynapseContainer(IContainer container, SynapseTestConfig config)
    {
        this.container = container;
        RegistrationSharedSecret = config.RegistrationSharedSecret;
        databasePath = config.Database.Args.Database;
    }

    public string RegistrationSharedSecret { get; }

    public Uri BaseUrl => new($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");

    public static async Task<SynapseContainer> StartAsync(CancellationToken cancellationToken)
    {
        var config = SynapseTestConfig.Create(ConfigDirectory, DataDirectory, HttpPort, "0.0.0.0");
        var container = new ContainerBuilder(ImageVersions.Synapse.Reference)
            .WithEnvironment("SYNAPSE_CONFIG_PATH", $"{ConfigDirectory}/homeserver.yaml")
            // Run as root inside the container so Synapse can write SQLite and media into /data.
            .WithEnvironment("UID", "0")
            .WithEnvironment("GID", "0")
            .WithResourceMapping(Encoding.UTF8.GetBytes(YamlWriter.Serialize(config)), FilePath.Of($"{ConfigDirectory}/homeserver.yaml"))
            .WithResourceMapping(Encoding.UTF8.GetBytes(SynapseTestConfig.NewSigningKey()), FilePath.Of(config.SigningKeyPath))
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPort(HttpPort).ForPath("/health"),
                wait => wait.WithTimeout(TimeSpan.FromMinutes(3))))
            .Build();
        await ContainerStart.StartAsync(container, "Synapse", cancellationToken);
        return new SynapseContainer(container, config);
    }

    public async Task ExpireOpenIdTokenAsync(string token, CancellationToken cancellationToken)
    {
        var result = await container.ExecAsync(OpenIdTokenExpiry.Command(databasePath, token), cancellationToken);
        OpenIdTokenExpiry.EnsureSucceeded(result.ExitCode, result.Stderr);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
