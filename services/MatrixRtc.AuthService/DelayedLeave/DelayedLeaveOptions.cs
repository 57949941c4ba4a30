namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>Settings of the delegated-leave engine, from the service configuration.</summary>
public sealed record DelayedLeaveOptions
{
    /// <summary>LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS; <see cref="TimeSpan.Zero"/> disables phase 2.</summary>
    public TimeSpan SanityCheckInterval { get; init; }
}
