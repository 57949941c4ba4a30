using YamlDotNet.Serialization;

namespace MatrixRtcLab.Topology.Synapse;

/// <summary>The subset of Synapse's homeserver.yaml the lab sets (key names as of Synapse 1.159).</summary>
public sealed record HomeserverConfig
{
    public required string ServerName { get; init; }
    public required string PublicBaseurl { get; init; }
    public required string PidFile { get; init; }
    public bool ReportStats { get; init; }
    public required string SigningKeyPath { get; init; }
    public required string MediaStorePath { get; init; }
    public required string MacaroonSecretKey { get; init; }
    public required string FormSecret { get; init; }
    public List<object> TrustedKeyServers { get; init; } = [];
    public bool SuppressKeyServerWarning { get; init; } = true;
    public required SynapseDatabase Database { get; init; }
    public required List<SynapseListener> Listeners { get; init; }
    public required SynapseExperimentalFeatures ExperimentalFeatures { get; init; }

    /// <summary>MSC4140 delayed events; without it calls get stuck after a crash.</summary>
    public required string MaxEventDelayDuration { get; init; }

    public required SynapseMatrixRtc MatrixRtc { get; init; }
    /// <summary>Null when Synapse handles logins itself (<see cref="Lab.LabLogin.Password"/>).</summary>
    public SynapseMasIntegration? MatrixAuthenticationService { get; init; }

    public required SynapsePasswordConfig PasswordConfig { get; init; }

    /// <summary>Enables <c>/_synapse/admin/v1/register</c> (nonce + HMAC); only without MAS.</summary>
    public string? RegistrationSharedSecret { get; init; }

    public bool EnableRegistration { get; init; }

    /// <summary>Served in /.well-known/matrix/client (Synapse serves it because public_baseurl is set).</summary>
    public required Dictionary<string, object> ExtraWellKnownClientContent { get; init; }

    public bool ServeServerWellknown { get; init; } = true;
    public required SynapseRateLimit RcMessage { get; init; }
    public required SynapseRateLimit RcDelayedEventMgmt { get; init; }
}

public sealed record SynapseDatabase(string Name, SynapseDatabaseArgs Args);

public sealed record SynapseDatabaseArgs
{
    public required string User { get; init; }
    public required string Password { get; init; }
    public required string Dbname { get; init; }
    public required string Host { get; init; }
    public required int Port { get; init; }
    public int CpMin { get; init; } = 5;
    public int CpMax { get; init; } = 10;
}

public sealed record SynapseListener
{
    public required int Port { get; init; }
    public string Type { get; init; } = "http";
    public bool Tls { get; init; }
    public bool XForwarded { get; init; }
    public List<string> BindAddresses { get; init; } = ["0.0.0.0"];
    public required List<SynapseListenerResource> Resources { get; init; }
}

public sealed record SynapseListenerResource(List<string> Names, bool Compress = false);

public sealed record SynapseExperimentalFeatures
{
    /// <summary>Serves /_matrix/client/unstable/org.matrix.msc4143/rtc/transports.</summary>
    [YamlMember(Alias = "msc4143_enabled")]
    public bool Msc4143Enabled { get; init; }

    /// <summary>state_after in /sync: reliable call membership state.</summary>
    [YamlMember(Alias = "msc4222_enabled")]
    public bool Msc4222Enabled { get; init; }

    /// <summary>Sticky events; only for Element Call's matrix_2_0 mode.</summary>
    [YamlMember(Alias = "msc4354_enabled")]
    public bool? Msc4354Enabled { get; init; }
}

public sealed record SynapseMatrixRtc(List<SynapseRtcTransport> Transports);

public sealed record SynapseRtcTransport(string Type, string LivekitServiceUrl);

public sealed record SynapseMasIntegration(bool Enabled, string Endpoint, string Secret);

public sealed record SynapsePasswordConfig(bool Enabled);

public sealed record SynapseRateLimit(double PerSecond, int BurstCount);
