using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MatrixRtcLab.Topology.Mas;

/// <summary>The subset of MAS's config.yaml the lab sets (key names as of MAS 1.23).</summary>
public sealed record MasConfig
{
    public required MasHttp Http { get; init; }
    public required MasDatabase Database { get; init; }
    public required MasMatrix Matrix { get; init; }
    public required MasSecrets Secrets { get; init; }
    public required MasPasswords Passwords { get; init; }
    public required MasAccount Account { get; init; }
    public required List<MasClient> Clients { get; init; }
    public required MasPolicy Policy { get; init; }
    public required MasRateLimiting RateLimiting { get; init; }
    public required MasUpstreamOAuth2 UpstreamOauth2 { get; init; }
    public MasEmail Email { get; init; } = new("blackhole");
}

public sealed record MasHttp(string PublicBase, List<MasListener> Listeners);

public sealed record MasListener(string Name, List<MasBind> Binds, List<MasListenerResource> Resources);

public sealed record MasBind(string Host, int Port);

public sealed record MasListenerResource(string Name);

public sealed record MasDatabase(string Uri);

public sealed record MasMatrix(string Kind, string Homeserver, string Endpoint, string Secret);

public sealed record MasSecrets(string Encryption, List<MasKey> Keys);

public sealed record MasKey(string Kid, [property: YamlMember(ScalarStyle = ScalarStyle.Literal)] string Key);

public sealed record MasPasswords(bool Enabled);

public sealed record MasAccount(bool PasswordRegistrationEnabled);

public sealed record MasClient(string ClientId, string ClientAuthMethod, string ClientSecret);

public sealed record MasPolicy(MasPolicyData Data);

public sealed record MasPolicyData(List<string> AdminClients, MasClientRegistrationPolicy ClientRegistration);

public sealed record MasClientRegistrationPolicy(bool AllowInsecureUris, bool AllowHostMismatch);

public sealed record MasRateLimiting(MasLoginRateLimits Login);

public sealed record MasLoginRateLimits(MasRate PerIp, MasRate PerAccount);

public sealed record MasRate(int Burst, double PerSecond);

public sealed record MasUpstreamOAuth2(List<MasUpstreamProvider> Providers);

public sealed record MasUpstreamProvider
{
    public required string Id { get; init; }
    public required string HumanName { get; init; }
    public required string Issuer { get; init; }
    public required string DiscoveryMode { get; init; }
    public required string AuthorizationEndpoint { get; init; }
    public required string TokenEndpoint { get; init; }
    public required string JwksUri { get; init; }
    public required string UserinfoEndpoint { get; init; }
    public required string PkceMethod { get; init; }
    public required bool FetchUserinfo { get; init; }
    public required string TokenEndpointAuthMethod { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required string Scope { get; init; }
    public required MasClaimsImports ClaimsImports { get; init; }
}

public sealed record MasClaimsImports(
    MasSubjectImport Subject,
    bool SkipConfirmation,
    MasClaimImport Localpart,
    MasClaimImport Displayname,
    MasClaimImport Email);

public sealed record MasSubjectImport(string Template);

public sealed record MasClaimImport(string Action, string Template);

public sealed record MasEmail(string Transport);
