using MatrixRtc.Doctor.Memberships;

namespace MatrixRtc.Doctor.Unstick;

/// <summary>One membership, the decision about it and its outcome.</summary>
public sealed record UnstickItem(CallMembership Membership, UnstickOutcome Outcome, string Reason, string? NewEventId = null);
