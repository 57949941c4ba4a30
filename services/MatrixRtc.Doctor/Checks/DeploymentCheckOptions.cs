namespace MatrixRtc.Doctor.Checks;

/// <summary>What to check and with which credentials. Only <see cref="ServerName"/> is required.</summary>
public sealed record DeploymentCheckOptions
{
    /// <summary>The Matrix server name (the part after ':' in user IDs), e.g. <c>lab.localhost</c>.</summary>
    public required string ServerName { get; init; }

    /// <summary>Where <c>/.well-known/matrix/*</c> is served; default <c>https://{ServerName}</c>. A lab may use http.</summary>
    public Uri? ServerBaseUrl { get; init; }

    /// <summary>Use this Client-Server API base instead of the one the client well-known names.</summary>
    public Uri? ClientUrl { get; init; }

    /// <summary>Use this federation base instead of the one the server well-known names.</summary>
    public Uri? FederationUrl { get; init; }

    /// <summary>Check this MatrixRTC Authorization Service instead of the one the transports name.</summary>
    public Uri? AuthServiceUrl { get; init; }

    /// <summary>LiveKit's HTTP base; default derived from the <c>url</c> the auth service returns.</summary>
    public Uri? LiveKitUrl { get; init; }

    /// <summary>Full user ID or localpart; needs <see cref="AccessToken"/>.</summary>
    public string? UserId { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>Room used for the token exchange; default a fresh, never-used room ID (so no real call is touched).</summary>
    public string? RoomId { get; init; }

    /// <summary>LiveKit API key and secret: enable the definitive auto_create probe and the Twirp API check.</summary>
    public string? LiveKitKey { get; init; }

    public string? LiveKitSecret { get; init; }

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="DoctorUsageException"/> when the options cannot work together.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.Contains('/', StringComparison.Ordinal) || ServerName.Contains(' ', StringComparison.Ordinal))
        {
            throw new DoctorUsageException($"'{ServerName}' is not a Matrix server name (expected e.g. example.org or lab.localhost:8448)");
        }

        if (UserId is null != AccessToken is null)
        {
            throw new DoctorUsageException("--user and --token must be given together");
        }

        if (UserId is not null && !UserId.StartsWith('@') && UserId.Contains(':', StringComparison.Ordinal))
        {
            throw new DoctorUsageException($"--user '{UserId}' must be a full user ID (@name:server) or a bare localpart");
        }

        if (LiveKitKey is null != LiveKitSecret is null)
        {
            throw new DoctorUsageException("--livekit-key and --livekit-secret must be given together");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new DoctorUsageException("--timeout must be positive");
        }
    }

    /// <summary><see cref="UserId"/> as a full MXID (a bare localpart lives on <see cref="ServerName"/>).</summary>
    public string? FullUserId => UserId is null ? null : UserId.StartsWith('@') ? UserId : $"@{UserId}:{ServerName}";
}
