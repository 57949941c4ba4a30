namespace MatrixRtc.Doctor.Memberships;

/// <summary>Which room to inspect and how to reach the homeserver (and optionally LiveKit).</summary>
public sealed record CallInspectionOptions
{
    /// <summary>Client-Server API base URL, e.g. <c>https://matrix.example.org</c>.</summary>
    public required Uri HomeserverUrl { get; init; }

    public required string AccessToken { get; init; }

    public required string RoomId { get; init; }

    /// <summary>When given, each active membership is matched against LiveKit's participants.</summary>
    public LiveKitCredentials? LiveKit { get; init; }

    /// <summary>Also read recent timeline events for sticky <c>m.rtc.member</c> memberships (not part of room state).</summary>
    public bool IncludeSticky { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (!RoomId.StartsWith('!') || !RoomId.Contains(':', StringComparison.Ordinal))
        {
            throw new DoctorUsageException($"'{RoomId}' is not a room ID (expected !opaque:server)");
        }

        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            throw new DoctorUsageException("an access token is required");
        }

        if (!HomeserverUrl.IsAbsoluteUri || HomeserverUrl.Scheme is not ("http" or "https"))
        {
            throw new DoctorUsageException($"--homeserver '{HomeserverUrl}' must be an http(s) URL");
        }
    }
}
