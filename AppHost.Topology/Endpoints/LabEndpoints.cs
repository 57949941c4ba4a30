namespace MatrixRtcLab.Topology.Endpoints;

/// <summary>
/// Where a running lab (or any other MatrixRTC deployment) can be reached from the host, and the
/// credentials tests need. The AppHost writes it to <see cref="LabEndpointsFile.DefaultPath"/> when
/// the lab starts; the e2e suite and rtc-doctor read it.
/// </summary>
public sealed record LabEndpoints
{
    /// <summary>The Matrix server name, e.g. <c>lab.localhost</c>.</summary>
    public required string ServerName { get; init; }

    /// <summary>Client-Server API base URL as a browser on the host reaches it.</summary>
    public required Uri HomeserverUrl { get; init; }

    public required Uri ElementWebUrl { get; init; }

    /// <summary>Matrix Authentication Service public base (issuer).</summary>
    public Uri? MasUrl { get; init; }

    /// <summary>The upstream OIDC provider MAS sends users to.</summary>
    public Uri? NextcloudUrl { get; init; }

    /// <summary>MatrixRTC Authorization Service (the lk-jwt-service equivalent).</summary>
    public required Uri AuthServiceUrl { get; init; }

    /// <summary>LiveKit signalling URL (ws:// or wss://) as handed to clients.</summary>
    public required Uri LiveKitUrl { get; init; }

    /// <summary>Users that exist in the upstream provider and can log in through the real flow.</summary>
    public IReadOnlyList<LabUser> Users { get; init; } = [];

    /// <summary>A MAS client allowed to use the admin API (client_credentials, scope urn:mas:admin).</summary>
    public LabClientCredentials? MasAdminClient { get; init; }
}
