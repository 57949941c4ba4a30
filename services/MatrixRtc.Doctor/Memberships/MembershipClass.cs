namespace MatrixRtc.Doctor.Memberships;

/// <summary>What clients make of a membership.</summary>
public enum MembershipClass
{
    /// <summary>Valid, not expired, author joined: clients count it as in the call.</summary>
    Active,

    /// <summary>Past its expiry (or no longer sticky): clients already ignore it.</summary>
    Expired,

    /// <summary>A leave (<c>{}</c>, only a sticky key or a leave reason).</summary>
    Empty,

    /// <summary>Valid and unexpired, but the author has left the room: clients ignore it.</summary>
    Orphaned,

    /// <summary>Content clients cannot parse: ignored.</summary>
    Invalid,

    /// <summary>Gen 1/2 content with an unexpired entry: current Element ignores it, old clients do not.</summary>
    LegacyActive,

    /// <summary>Gen 1/2 content whose entries have all expired.</summary>
    LegacyExpired,
}
