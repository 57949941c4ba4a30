namespace MatrixRtcLab.Topology.Nextcloud;

/// <summary>Routes of the Nextcloud "OIDC Identity Provider" app (H2CK/oidc 2.x).</summary>
public static class NextcloudOidc
{
    public const string AuthorizePath = "index.php/apps/oidc/authorize";
    public const string TokenPath = "index.php/apps/oidc/token";
    public const string JwksPath = "index.php/apps/oidc/jwks";
    public const string UserinfoPath = "index.php/apps/oidc/userinfo";

    /// <summary>Answers only once the app is enabled, so it doubles as the readiness check.</summary>
    public const string DiscoveryPath = "/index.php/.well-known/openid-configuration";

    public const string ClientName = "Matrix Authentication Service";
}
