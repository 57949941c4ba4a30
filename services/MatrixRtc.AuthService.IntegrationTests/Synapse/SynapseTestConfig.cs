using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>
/// homeserver.yaml for a throwaway Synapse: SQLite, no MAS (so the shared-secret registration API
/// exists), the client and openid resources, and MSC4140 delayed events (key names as of Synapse 1.159).
/// </summary>
public sealed record SynapseTestConfig
{
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
}

public sealed record SqliteDatabase(string Name, SqliteDatabaseArgs Args);

public sealed record SqliteDatabaseArgs(string Database);
