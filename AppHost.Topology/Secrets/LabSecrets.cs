namespace MatrixRtcLab.Topology.Secrets;

/// <summary>Every secret of one lab, generated once and kept in <c>.lab/secrets.json</c>.</summary>
public sealed record LabSecrets
{
    public required string PostgresPassword { get; init; }
    public required string RedisPassword { get; init; }

    /// <summary>Shared by Synapse's matrix_authentication_service.secret and MAS's matrix.secret.</summary>
    public required string SynapseMasSharedSecret { get; init; }

    /// <summary>Synapse's registration_shared_secret, used only when users log in with passwords.</summary>
    public required string SynapseRegistrationSharedSecret { get; init; }

    public required string SynapseMacaroonSecretKey { get; init; }
    public required string SynapseFormSecret { get; init; }
    public required string SynapseSigningKeyId { get; init; }

    /// <summary>Unpadded base64 of the 32-byte ed25519 seed.</summary>
    public required string SynapseSigningKeySeed { get; init; }

    /// <summary>64 hex characters. Must never change once MAS has started: it encrypts database fields.</summary>
    public required string MasEncryptionSecret { get; init; }

    public required string MasRsaKeyId { get; init; }
    public required string MasRsaKeyPem { get; init; }
    public required string MasEcKeyId { get; init; }
    public required string MasEcKeyPem { get; init; }
    public required string MasAdminClientId { get; init; }
    public required string MasAdminClientSecret { get; init; }
    public required string LiveKitApiKey { get; init; }
    public required string LiveKitApiSecret { get; init; }
    public required string NextcloudAdminPassword { get; init; }

    /// <summary>The MAS upstream provider id (a ULID, upper case).</summary>
    public required string NextcloudProviderId { get; init; }

    public required string NextcloudClientId { get; init; }
    public required string NextcloudClientSecret { get; init; }
}
