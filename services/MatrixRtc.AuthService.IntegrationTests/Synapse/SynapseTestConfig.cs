using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtcLab.Topology.Secrets;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtc.AuthService.IntegrationTests.Synapse;

/// <summary>
/// homeserver.yaml for a throwaway Synapse: SQLite, no MAS (so the shared-secret registration API
/// exists), the client and openid resources, and MSC4140 delayed events (key names as of Synapse 1.159).
/// The same settings serve the container and the local process; only paths, port and bind address differ.
/// </summary>
public sealed record SynapseTestConfig
{
    public const string DatabaseFileName = "homeserver.db";

    public required string ServerName { get; init; }
    public required string PidFile { get; init; }
    public bool ReportStats { get; init; }
    public required string SigningKeyPath { get; init; }
    public required string MediaStorePath { get; init; }
    public required string MacaroonSecretKey { get; init; }
    public required string FormSecret { get; init; }

    /// <summary>Enables <c>/_synapse/admin/v1/register</c> with a nonce and an HMAC of this secret.</summary>
    public required string RegistrationSharedSecret { get; init; }

    public bool EnableRegistration { get; init; }
    public List<object> TrustedKeyServers { get; init; } = [];
    public bool SuppressKeyServerWarning { get; init; } = true;
    public required SqliteDatabase Database { get; init; }
    public required List<SynapseListener> Listeners { get; init; }

    /// <summary>MSC4140: without it Synapse refuses delayed events.</summary>
    public required string MaxEventDelayDuration { get; init; }

    public required SynapseRateLimit RcMessage { get; init; }
    public required SynapseRateLimit RcDelayedEventMgmt { get; init; }
    public required SynapseRateLimit RcRegistration { get; init; }

    /// <summary>
    /// A config for <see cref="ServerNames.Synapse"/> with fresh secrets: the signing key in
    /// <paramref name="configDirectory"/>, database, media and pid file in <paramref name="dataDirectory"/>,
    /// one plain-HTTP listener (client + openid) on <paramref name="bindAddress"/>:<paramref name="port"/>.
    /// </summary>
    public static SynapseTestConfig Create(string configDirectory, string dataDirectory, int port, string bindAddress) => new()
    {
        ServerName = ServerNames.Synapse,
        PidFile = $"{dataDirectory}/homeserver.pid",
        SigningKeyPath = $"{configDirectory}/{ServerNames.Synapse}.signing.key",
        MediaStorePath = $"{dataDirectory}/media_store",
        MacaroonSecretKey = SecretGenerator.AlphanumericString(40),
        FormSecret = SecretGenerator.AlphanumericString(40),
        RegistrationSharedSecret = SecretGenerator.AlphanumericString(40),
        Database = new SqliteDatabase("sqlite3", new SqliteDatabaseArgs($"{dataDirectory}/{DatabaseFileName}")),
        Listeners =
        [
            new SynapseListener
            {
                Port = port,
                BindAddresses = [bindAddress],
                // openid serves /_matrix/federation/v1/openid/userinfo, which the auth service calls.
                Resources = [new SynapseListenerResource(["client", "openid"])],
            },
        ],
        MaxEventDelayDuration = "1h",
        RcMessage = new SynapseRateLimit(1000, 1000),
        RcDelayedEventMgmt = new SynapseRateLimit(1000, 1000),
        RcRegistration = new SynapseRateLimit(1000, 1000),
    };

    /// <summary>The content of a fresh signing key file (<c>ed25519 a_XXXX base64</c>), which Synapse does not make itself.</summary>
    public static string NewSigningKey() =>
        $"ed25519 a_{SecretGenerator.AlphanumericString(4)} {SecretGenerator.UnpaddedBase64(32)}\n";
}
