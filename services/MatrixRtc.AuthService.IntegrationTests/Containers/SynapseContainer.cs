using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Secrets;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>A real Synapse (the lab's pinned image) with SQLite, shared-secret registration and delayed events.</summary>
public sealed class SynapseContainer : IAsyncDisposable
{
    public const string ServerName = "integration.test";
    private const ushort HttpPort = 8008;
    private const string ConfigDirectory = "/conf";
    private const string DataDirectory = "/data";
    private const string DatabasePath = DataDirectory + "/homeserver.db";

    private readonly IContainer container;

    private SynapseContainer(IContainer container, string registrationSharedSecret)
    {
        this.container = container;
        RegistrationSharedSecret = registrationSharedSecret;
    }

    public string RegistrationSharedSecret { get; }

    /// <summary>The client-server (and openid) listener as the test host reaches it.</summary>
    public Uri BaseUrl => new($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");

    public static async Task<SynapseContainer> StartAsync(CancellationToken cancellationToken)
    {
        var sharedSecret = SecretGenerator.AlphanumericString(40);
        var config = new SynapseTestConfig
        {
            ServerName = ServerName,
            PidFile = $"{DataDirectory}/homeserver.pid",
            SigningKeyPath = $"{ConfigDirectory}/{ServerName}.signing.key",
            MediaStorePath = $"{DataDirectory}/media_store",
            MacaroonSecretKey = SecretGenerator.AlphanumericString(40),
            FormSecret = SecretGenerator.AlphanumericString(40),
            RegistrationSharedSecret = sharedSecret,
            Database = new SqliteDatabase("sqlite3", new SqliteDatabaseArgs(DatabasePath)),
            Listeners =
            [
                new SynapseListener
                {
                    Port = HttpPort,
                    // openid serves /_matrix/federation/v1/openid/userinfo, which the auth service calls.
                    Resources = [new SynapseListenerResource(["client", "openid"])],
                },
            ],
            MaxEventDelayDuration = "1h",
            RcMessage = new SynapseRateLimit(1000, 1000),
            RcDelayedEventMgmt = new SynapseRateLimit(1000, 1000),
            RcRegistration = new SynapseRateLimit(1000, 1000),
        };
        var signingKey = $"ed25519 a_{SecretGenerator.AlphanumericString(4)} {SecretGenerator.UnpaddedBase64(32)}\n";

        var container = new ContainerBuilder(ImageVersions.Synapse.Reference)
            .WithEnvironment("SYNAPSE_CONFIG_PATH", $"{ConfigDirectory}/homeserver.yaml")
            // Run as root inside the container so Synapse can write SQLite and media into /data.
            .WithEnvironment("UID", "0")
            .WithEnvironment("GID", "0")
            .WithResourceMapping(Encoding.UTF8.GetBytes(YamlWriter.Serialize(config)), FilePath.Of($"{ConfigDirectory}/homeserver.yaml"))
            .WithResourceMapping(Encoding.UTF8.GetBytes(signingKey), FilePath.Of(config.SigningKeyPath))
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPort(HttpPort).ForPath("/health"),
                wait => wait.WithTimeout(TimeSpan.FromMinutes(3))))
            .Build();
        await ContainerStart.StartAsync(container, "Synapse", cancellationToken);
        return new SynapseContainer(container, sharedSecret);
    }

    /// <summary>
    /// Makes an OpenID token that Synapse issued expire now, in Synapse's own database (Synapse
    /// issues them for a fixed hour and has no API to revoke them).
    /// </summary>
    public async Task ExpireOpenIdTokenAsync(string token, CancellationToken cancellationToken)
    {
        const string script =
            "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], timeout=30); "
            + "n = db.execute('UPDATE open_id_tokens SET ts_valid_until_ms = 0 WHERE token = ?', (sys.argv[2],)).rowcount; "
            + "db.commit(); sys.exit(0 if n == 1 else 3)";
        var result = await container.ExecAsync(new List<string> { "python3", "-c", script, DatabasePath, token }, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not expire the OpenID token in Synapse's database (exit {result.ExitCode}): {result.Stderr}");
        }
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
