using MatrixRtc.Doctor.Memberships;

namespace MatrixRtc.Doctor.Unstick;

/// <summary>How <see cref="StuckCallRepairer"/> decides and whether it may write. Dry run unless <see cref="Apply"/>.</summary>
public sealed record UnstickOptions
{
    public required Uri HomeserverUrl { get; init; }

    public required string AccessToken { get; init; }

    public required string RoomId { get; init; }

    /// <summary>Write the planned leaves; false = report the plan only (the default).</summary>
    public bool Apply { get; init; }

    /// <summary>Also clear expired, orphaned and invalid memberships (clients already ignore them; cosmetic).</summary>
    public bool IncludeExpired { get; init; }

    /// <summary>Without LiveKit data, clear active memberships not refreshed for <see cref="StaleAfter"/>.</summary>
    public bool ForceSuspect { get; init; }

    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A member this fresh may not have reached the SFU yet; never treated as stale.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait this long after writing, then re-read to spot live clients that re-joined.</summary>
    public TimeSpan VerifyWait { get; init; } = TimeSpan.Zero;

    public LiveKitCredentials? LiveKit { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    internal CallInspectionOptions Inspection => new()
    {
        HomeserverUrl = HomeserverUrl,
        AccessToken = AccessToken,
        RoomId = RoomId,
        LiveKit = LiveKit,
        Timeout = Timeout,
    };
}
