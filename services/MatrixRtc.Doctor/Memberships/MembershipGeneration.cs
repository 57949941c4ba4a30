namespace MatrixRtc.Doctor.Memberships;

/// <summary>The five wire formats call membership has had.</summary>
public enum MembershipGeneration
{
    /// <summary>Gen 1: MSC3401 full mesh, <c>m.calls[].m.devices[]</c> under <c>@user:hs</c>.</summary>
    Mesh = 1,

    /// <summary>Gen 2: per-user <c>memberships</c> array under <c>@user:hs</c>.</summary>
    LegacyArray = 2,

    /// <summary>Gen 3: per-device session under <c>_@user:hs_DEVICE</c>.</summary>
    Session = 3,

    /// <summary>Gen 4: per-device session with application suffix, <c>_@user:hs_DEVICE_m.call</c>.</summary>
    SessionWithSlot = 4,

    /// <summary>Gen 5: sticky <c>m.rtc.member</c> timeline event (MSC4354).</summary>
    Sticky = 5,
}
