using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Nextcloud;
using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.Mas;

/// <summary>Builds MAS's config.yaml: Synapse integration, Nextcloud as the one upstream provider, the admin client.</summary>
public static class MasConfigFactory
{
    public const string ConfigDirectory = "/etc/mas";
    public const string ConfigFileName = "config.yaml";

    /// <summary>The URI Nextcloud must accept; MAS builds it from public_base and the upper-case provider ULID.</summary>
    public static Uri UpstreamCallbackUri(LabTopology topology, LabSecrets secrets) =>
        topology.Mas.Public($"upstream/callback/{secrets.NextcloudProviderId}");

    public static MasConfig Create(LabOptions options, LabTopology topology, LabSecrets secrets)
    {
        var nextcloud = topology.Nextcloud;
        var database = topology.Postgres.SeenFrom(topology.Mas);
        var loginRate = options.RelaxedRateLimits ? new MasRate(10000, 10000) : new MasRate(30, 1);

        return new MasConfig
        {
            Http = new MasHttp(
                PublicBase: topology.Mas.PublicUrl.ToString(),
                Listeners:
                [
                    new MasListener(
                        "web",
                        [new MasBind("0.0.0.0", topology.Mas.ContainerPort)],
                        [.. new[] { "discovery", "human", "oauth", "compat", "graphql", "assets", "adminapi", "health" }
                            .Select(name => new MasListenerResource(name))]),
                ]),
            Database = new MasDatabase(LabDatabases.MasConnectionUri(database.Host, database.Port, secrets.PostgresPassword)),
            Matrix = new MasMatrix(
                Kind: "synapse",
                Homeserver: options.ServerName,
                Endpoint: topology.Synapse.UrlSeenFrom(topology.Mas).ToString(),
                Secret: secrets.SynapseMasSharedSecret),
            Secrets = new MasSecrets(
                secrets.MasEncryptionSecret,
                [new MasKey(secrets.MasRsaKeyId, secrets.MasRsaKeyPem), new MasKey(secrets.MasEcKeyId, secrets.MasEcKeyPem)]),
            // No local passwords and exactly one upstream provider: MAS sends users straight to Nextcloud.
            Passwords = new MasPasswords(Enabled: false),
            Account = new MasAccount(PasswordRegistrationEnabled: false),
            Clients = [new MasClient(secrets.MasAdminClientId, "client_secret_basic", secrets.MasAdminClientSecret)],
            Policy = new MasPolicy(new MasPolicyData(
                AdminClients: [secrets.MasAdminClientId],
                // Element Web registers itself with http://localhost:… URIs.
                ClientRegistration: new MasClientRegistrationPolicy(AllowInsecureUris: true, AllowHostMismatch: true))),
            RateLimiting = new MasRateLimiting(new MasLoginRateLimits(loginRate, loginRate)),
            UpstreamOauth2 = new MasUpstreamOAuth2(
            [
                new MasUpstreamProvider
                {
                    Id = secrets.NextcloudProviderId,
                    HumanName = "Nextcloud",
                    // Nextcloud's issuer is pinned by OVERWRITEHOST to the browser URL, without a trailing slash.
                    Issuer = nextcloud.PublicOrigin,
                    DiscoveryMode = "disabled",
                    AuthorizationEndpoint = nextcloud.Public(NextcloudOidc.AuthorizePath).ToString(),
                    TokenEndpoint = nextcloud.UrlSeenFrom(topology.Mas, NextcloudOidc.TokenPath).ToString(),
                    JwksUri = nextcloud.UrlSeenFrom(topology.Mas, NextcloudOidc.JwksPath).ToString(),
                    UserinfoEndpoint = nextcloud.UrlSeenFrom(topology.Mas, NextcloudOidc.UserinfoPath).ToString(),
                    PkceMethod = "always",
                    // oidc app 2.x keeps preferred_username, name and email out of the ID token.
                    FetchUserinfo = true,
                    TokenEndpointAuthMethod = "client_secret_post",
                    ClientId = secrets.NextcloudClientId,
                    ClientSecret = secrets.NextcloudClientSecret,
                    Scope = "openid profile email",
                    ClaimsImports = new MasClaimsImports(
                        Subject: new MasSubjectImport("{{ user.sub }}"),
                        SkipConfirmation: true,
                        Localpart: new MasClaimImport("require", "{{ user.preferred_username | lower }}"),
                        Displayname: new MasClaimImport("force", "{{ user.name }}"),
                        Email: new MasClaimImport("force", "{{ user.email }}")),
                },
            ]),
        };
    }
}
