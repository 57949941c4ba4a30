using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.Synapse;

/// <summary>Builds homeserver.yaml for the lab (stack.md §2.3 and §9).</summary>
public static class SynapseConfigFactory
{
    public const string ConfigDirectory = "/conf";
    public const string DataDirectory = "/data";
    public const string ConfigFileName = "homeserver.yaml";

    public static string SigningKeyFileName(LabOptions options) => $"{options.ServerName}.signing.key";

    /// <summary>The signing key file: one line, <c>ed25519 KEY_ID SEED</c>.</summary>
    public static string SigningKeyFile(LabSecrets secrets) =>
        $"ed25519 {secrets.SynapseSigningKeyId} {secrets.SynapseSigningKeySeed}\n";

    public static HomeserverConfig Create(LabOptions options, LabTopology topology, LabSecrets secrets)
    {
        var transport = new SynapseRtcTransport("livekit", topology.AuthService.PublicOrigin);
        var (messages, delayedEvents) = options.RelaxedRateLimits
            ? (new SynapseRateLimit(10000, 10000), new SynapseRateLimit(10000, 10000))
            : (new SynapseRateLimit(0.5, 30), new SynapseRateLimit(1, 20));

        return new HomeserverConfig
        {
            ServerName = options.ServerName,
            PublicBaseurl = topology.Synapse.PublicUrl.ToString(),
            PidFile = $"{DataDirectory}/homeserver.pid",
            SigningKeyPath = $"{ConfigDirectory}/{SigningKeyFileName(options)}",
            MediaStorePath = $"{DataDirectory}/media_store",
            MacaroonSecretKey = secrets.SynapseMacaroonSecretKey,
            FormSecret = secrets.SynapseFormSecret,
            Database = new SynapseDatabase("psycopg2", new SynapseDatabaseArgs
            {
                User = LabDatabases.User,
                Password = secrets.PostgresPassword,
                Dbname = LabDatabases.Synapse,
                Host = topology.Postgres.InternalHost,
                Port = topology.Postgres.ContainerPort,
            }),
            Listeners =
            [
                new SynapseListener
                {
                    Port = topology.Synapse.ContainerPort,
                    // openid serves /_matrix/federation/v1/openid/userinfo, which the auth service
                    // calls to validate OpenID tokens; the rest of federation stays off.
                    Resources = [new SynapseListenerResource(["client", "openid"])],
                },
            ],
            ExperimentalFeatures = new SynapseExperimentalFeatures
            {
                Msc4143Enabled = true,
                Msc4222Enabled = true,
                Msc4354Enabled = options.StickyEvents ? true : null,
            },
            MaxEventDelayDuration = "24h",
            MatrixRtc = new SynapseMatrixRtc([transport]),
            MatrixAuthenticationService = new SynapseMasIntegration(
                Enabled: true,
                Endpoint: topology.Mas.InternalUrl.ToString(),
                Secret: secrets.SynapseMasSharedSecret),
            PasswordConfig = new SynapsePasswordConfig(Enabled: false),
            ExtraWellKnownClientContent = new Dictionary<string, object>
            {
                [WellKnown.RtcFociKey] = new List<SynapseRtcTransport> { transport },
            },
            RcMessage = messages,
            RcDelayedEventMgmt = delayedEvents,
        };
    }
}
