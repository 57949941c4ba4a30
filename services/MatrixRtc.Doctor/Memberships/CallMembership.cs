namespace MatrixRtc.Doctor.Memberships;

/// <summary>One call membership found in a room, classified.</summary>
/// <param name="StateKey">Null for sticky <c>m.rtc.member</c> events.</param>
/// <param name="LiveKitIdentity">The participant identity this member has on the SFU, when it can be derived.</param>
/// <param name="OnSfu">Whether LiveKit lists that participant; null when LiveKit was not asked.</param>
public sealed record CallMembership(
    string EventType,
    string? StateKey,
    string EventId,
    string Sender,
    string? DeviceId,
    MembershipGeneration Generation,
    MembershipClass Class,
    DateTimeOffset LastTouched,
    DateTimeOffset? ExpiresAt,
    string Detail,
    string? LiveKitIdentity,
    bool? OnSfu = null)
{
    /// <summary>Counts toward "a call is ongoing" for current Element clients.</summary>
    public bool CountsAsInCall => Class == MembershipClass.Active;
}
