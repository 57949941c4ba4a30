using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.Synapse;

/// <summary>Builds homeserver.yaml for the lab, for Synapse in its container or as a local process.</summary>
public static class SynapseConfigFactory
{
    public const string ConfigFileName = "homeserver.yaml";

    public static string SigningKeyFileName(LabOptions options) => $"{options.ServerName}.signing.key";

    /// <summary>The signing key file: one line, <c>ed25519 KEY_ID SEED</c>.</summary>
    public static string SigningKeyFile(LabSecrets secrets) =>
        $"ed25519 {secrets.SynapseSigningKeyId} {secrets.SynapseSigningKeySeed}\n";

    public static HomeserverConfig Create(LabOptions options, LabTopology topology, LabSecrets secrets, SynapsePaths paths)
    {
        var synapse = topology.Synapse;
        var database = topology.Postgres.SeenFrom(synapse);
        var mas = options.Login == LabLogin.Mas;
        var transport = new SynapseRtcTransport("livekit", topology.AuthService.PublicOrigin);
        var (messages, delayedEvents) = options.RelaxedRateLimits
            ? (new SynapseRateLimit(10000, 10000), new SynapseRateLimit(10000, 10000))
            : (new SynapseRateLimit(0.5, 30), new SynapseRateLimit(1, 20));

        return new HomeserverConfig
        {
            ServerName = options.ServerName,
            PublicBaseurl = topology.Synapse.PublicUrl.ToString(),
            PidFile = $"{paths.DataDirectory}/homeserver.pid",
            SigningKeyPath = $"{paths.ConfigDirectory}/{SigningKeyFileName(options)}",
            MediaStorePath = $"{paths.DataDirectory}/media_store",
            MacaroonSecretKey = secrets.SynapseMacaroonSecretKey,
            FormSecret = secrets.SynapseFormSecret,
            Database = new SynapseDatabase("psycopg2", new SynapseDatabaseArgs
            {
                User = LabDatabases.User,
                Password = secrets.PostgresPassword,
                Dbname = LabDatabases.Synapse,
                Host = database.Host,
                Port = database.Port,
            }),
            Listeners =
            [
                new SynapseListener
                {
                    Port = synapse.ListenPort,
                    // A local Synapse stays on loopback unless a container (MAS) calls it.
                    BindAddresses = [synapse.OnHost && !topology.CalledFromContainers(synapse) ? "127.0.0.1" : "0.0.0.0"],
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
            // Either MAS handles logins, or Synapse itself with passwords (test users by shared-secret registration).
            MatrixAuthenticationService = mas
                ? new SynapseMasIntegration(Enabled: true, Endpoint: topology.Mas.UrlSeenFrom(synapse).ToString(), Secret: secrets.SynapseMasSharedSecret)
                : null,
            PasswordConfig = new SynapsePasswordConfig(Enabled: !mas),
            RegistrationSharedSecret = mas ? null : secrets.SynapseRegistrationSharedSecret,
            ExtraWellKnownClientContent = new Dictionary<string, object>
            {
                [WellKnown.RtcFociKey] = new List<SynapseRtcTransport> { transport },
            },
            RcMessage = messages,
            RcDelayedEventMgmt = delayedEvents,
        };
    }
}
