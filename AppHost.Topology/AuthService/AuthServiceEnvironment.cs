using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtcLab.Topology.AuthService;

/// <summary>
/// The environment of our auth service: lk-jwt-service's variables plus our
/// two extensions. The service runs on the host, so every URL it gets is a localhost URL.
/// </summary>
public static class AuthServiceEnvironment
{
    public const string HealthPath = "/healthz";

    /// <summary>The variables that carry secrets (the LiveKit API secret, the Redis password in the URL).</summary>
    public static IReadOnlyList<string> SecretVariables { get; } = ["LIVEKIT_SECRET", "LIVEKIT_REDIS_URL"];

    public static IReadOnlyDictionary<string, string> Create(LabOptions options, LabTopology topology, LabSecrets secrets)
    {
        var synapse = topology.Synapse.PublicOrigin;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            // Returned to browsers and used (ws->http) for LiveKit's room API; localhost works for both.
            ["LIVEKIT_URL"] = topology.LiveKitWebSocketUrl.GetLeftPart(UriPartial.Authority),
            ["LIVEKIT_KEY"] = secrets.LiveKitApiKey,
            ["LIVEKIT_SECRET"] = secrets.LiveKitApiSecret,
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = options.ServerName,
            // All interfaces: LiveKit's webhook arrives from the container network via the host gateway.
            ["LIVEKIT_JWT_BIND"] = $":{topology.AuthService.HostPort}",
            ["LIVEKIT_REDIS_URL"] =
                $"redis://:{Uri.EscapeDataString(secrets.RedisPassword)}@localhost:{topology.Redis.HostPort}/0",
            ["LIVEKIT_CS_API_URL_OVERRIDES"] = $"{options.ServerName}={synapse}",
            // OpenID userinfo over plain http straight to Synapse's openid listener (no TLS in the lab).
            ["LIVEKIT_FEDERATION_URL_OVERRIDES"] = $"{options.ServerName}={synapse}",
            // Synapse and LiveKit are on loopback: blocking private addresses would refuse them.
            ["LIVEKIT_BLOCK_PRIVATE_ADDRESSES"] = "false",
            ["LIVEKIT_LOG_LEVEL"] = "info",
            // The webhook is the lab's one container-to-host hop (a host firewall can drop it); polling
            // the SFU every 30 s still sends the leave of a participant whose departure was missed.
            ["LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS"] = "30",
        };
    }
}
