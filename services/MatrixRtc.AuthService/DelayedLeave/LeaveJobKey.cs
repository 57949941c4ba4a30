using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>What a job is keyed by: at most one job per (LiveKit room, participant identity).</summary>
public readonly record struct LeaveJobKey(string LiveKitRoom, string LiveKitIdentity)
{
    public static LeaveJobKey Of(LeaveJobParameters parameters) => new(parameters.LiveKitRoom, parameters.LiveKitIdentity);

    /// <summary>The Go JSON array <c>["room","identity"]</c>, as the Go service names the Redis hash field.</summary>
    public string ToGoJson() => GoJsonStringArray.EncodeToString(LiveKitRoom, LiveKitIdentity);
}
