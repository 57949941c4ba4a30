using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Describes any MatrixRTC deployment (not only our lab) through environment variables, as an
/// alternative to the endpoints file a running lab writes. Setting any of the required variables
/// selects this source; then all required ones must be set and valid.
/// </summary>
public static class LabEnvironment
{
    public const string HomeserverUrl = "MATRIXRTC_E2E_HOMESERVER_URL";
    public const string ServerName = "MATRIXRTC_E2E_SERVER_NAME";
    public const string ElementWebUrl = "MATRIXRTC_E2E_ELEMENT_WEB_URL";
    public const string AuthServiceUrl = "MATRIXRTC_E2E_AUTH_SERVICE_URL";
    public const string LiveKitUrl = "MATRIXRTC_E2E_LIVEKIT_URL";
    public const string MasUrl = "MATRIXRTC_E2E_MAS_URL";
    public const string NextcloudUrl = "MATRIXRTC_E2E_NEXTCLOUD_URL";
    public const string MasAdminClientId = "MATRIXRTC_E2E_MAS_ADMIN_CLIENT_ID";
    public const string MasAdminClientSecret = "MATRIXRTC_E2E_MAS_ADMIN_CLIENT_SECRET";
    public const string LoginUsername = "MATRIXRTC_E2E_LOGIN_USERNAME";
    public const string LoginPassword = "MATRIXRTC_E2E_LOGIN_PASSWORD";
    public const string LoginDisplayName = "MATRIXRTC_E2E_LOGIN_DISPLAY_NAME";

    public static IReadOnlyList<string> Required { get; } = [HomeserverUrl, ServerName, ElementWebUrl, AuthServiceUrl, LiveKitUrl];

    /// <summary>True when the environment names a deployment (any required variable is set).</summary>
    public static bool IsSelected(Func<string, string?> env) => Required.Any(name => !string.IsNullOrWhiteSpace(env(name)));

    /// <exception cref="LabConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static LabEndpoints Read(Func<string, string?> env)
    {
        var missing = Required.Where(name => string.IsNullOrWhiteSpace(env(name))).ToList();
        if (missing.Count > 0)
        {
            throw new LabConfigurationException(
                $"{string.Join(", ", Required.Except(missing))} set but {string.Join(", ", missing)} missing: " +
                "describing a deployment through the environment needs all of " + string.Join(", ", Required) + ".");
        }

        var clientId = Optional(env, MasAdminClientId);
        var clientSecret = Optional(env, MasAdminClientSecret);
        if ((clientId is null) != (clientSecret is null))
        {
            throw new LabConfigurationException($"Set both {MasAdminClientId} and {MasAdminClientSecret}, or neither.");
        }
        var loginUser = Optional(env, LoginUsername);
        var loginPassword = Optional(env, LoginPassword);
        if ((loginUser is null) != (loginPassword is null))
        {
            throw new LabConfigurationException($"Set both {LoginUsername} and {LoginPassword}, or neither.");
        }

        return new LabEndpoints
        {
            ServerName = env(ServerName)!.Trim(),
            HomeserverUrl = Url(env, HomeserverUrl, "http", "https")!,
            ElementWebUrl = Url(env, ElementWebUrl, "http", "https")!,
            AuthServiceUrl = Url(env, AuthServiceUrl, "http", "https")!,
            LiveKitUrl = Url(env, LiveKitUrl, "ws", "wss")!,
            MasUrl = Url(env, MasUrl, "http", "https"),
            NextcloudUrl = Url(env, NextcloudUrl, "http", "https"),
            MasAdminClient = clientId is null ? null : new LabClientCredentials(clientId, clientSecret!),
            Users = loginUser is null ? [] : [new LabUser(loginUser, loginPassword!, Optional(env, LoginDisplayName) ?? loginUser)],
        };
    }

    private static string? Optional(Func<string, string?> env, string name) =>
        env(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Url(Func<string, string?> env, string name, params string[] schemes)
    {
        if (Optional(env, name) is not { } value)
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
        {
            throw new LabConfigurationException($"{name}={value}: expected an absolute {string.Join(" or ", schemes)} URL.");
        }
        // Paths are resolved relative to these bases, so a base must end with a slash.
        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }
}
