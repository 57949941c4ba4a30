using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Configuration;

/// <summary>The service's configuration, read from lk-jwt-service's environment variables.</summary>
public sealed record AuthServiceSettings
{
    /// <summary>LIVEKIT_URL: handed to clients verbatim.</summary>
    public required string LiveKitUrl { get; init; }

    public required string LiveKitKey { get; init; }

    public required string LiveKitSecret { get; init; }

    /// <summary>Where the key and secret came from, for the start-up log (never the values).</summary>
    public required string KeySource { get; init; }

    public required IReadOnlyList<string> FullAccessHomeservers { get; init; }

    public required BindAddress Bind { get; init; }

    public bool SkipVerifyTls { get; init; }

    /// <summary>Zero: the periodic SFU presence check is off.</summary>
    public TimeSpan SanityCheckInterval { get; init; }

    public IReadOnlyDictionary<string, string> ClientServerApiUrlOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Ours, not upstream's: server name → base URL for the OpenID userinfo lookup.</summary>
    public IReadOnlyDictionary<string, string> FederationUrlOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Ours, not upstream's: refuse loopback, private and link-local targets for discovered URLs.</summary>
    public bool BlockPrivateAddresses { get; init; }

    public string? RedisUrl { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Warnings found while reading, logged once logging is up.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The list is exactly <c>*</c>: everyone is full-access.</summary>
    public bool EveryoneIsFullAccess => FullAccessHomeservers is ["*"];

    /// <summary>The LiveKit server API base: LIVEKIT_URL with a leading <c>ws</c> turned into <c>http</c>.</summary>
    public string LiveKitApiUrl =>
        LiveKitUrl.StartsWith("ws", StringComparison.Ordinal) ? "http" + LiveKitUrl[2..] : LiveKitUrl;

    public bool IsFullAccess(string serverName) =>
        EveryoneIsFullAccess || FullAccessHomeservers.Contains(serverName, StringComparer.Ordinal);
}
