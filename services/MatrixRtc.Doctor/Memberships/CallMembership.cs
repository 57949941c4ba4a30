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
    /// <summary>The slot of the room call; a legacy <c>call_id ""</c> maps to it.</summary>
    public const string RoomCallSlot = "m.call#ROOM";

    /// <summary><c>&lt;application&gt;#&lt;call_id&gt;</c> of this membership; null when the content does not say.</summary>
    public string? Slot { get; init; }

    /// <summary>The <c>livekit_service_url</c> of the SFU this member uses (<c>focus_active</c>, else the first preferred focus or transport); null when unnamed.</summary>
    public string? TransportUrl { get; init; }

    /// <summary>Counts toward "the room call is ongoing" for current Element clients: active and in <see cref="RoomCallSlot"/>.</summary>
    public bool CountsAsInCall => Class == MembershipClass.Active && IsRoomCall;

    /// <summary>Belongs to the room call (<see cref="RoomCallSlot"/>), not to another call or application in the same room.</summary>
    public bool IsRoomCall => Slot == RoomCallSlot;
}
