namespace MatrixRtc.Doctor.Memberships;

/// <summary>The call memberships of one room and what they add up to.</summary>
/// <param name="LiveKitRoom">The LiveKit room matched for this Matrix room, with the auth-service generation whose naming matched.</param>
/// <param name="LiveKitError">Why the LiveKit cross-check could not run, when it was asked for.</param>
/// <param name="GhostParticipants">LiveKit participants with no active membership.</param>
public sealed record RoomCallReport(
    string RoomId,
    DateTimeOffset InspectedAt,
    IReadOnlyList<CallMembership> Memberships,
    IReadOnlyList<string> Notes,
    string? LiveKitRoom = null,
    string? LiveKitError = null,
    IReadOnlyList<string>? GhostParticipants = null)
{
    /// <summary>Whether current Element clients show a call in progress.</summary>
    public bool CallActive => Memberships.Any(m => m.CountsAsInCall);
}
