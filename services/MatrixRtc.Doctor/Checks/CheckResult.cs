namespace MatrixRtc.Doctor.Checks;

/// <summary>One check's verdict.</summary>
/// <param name="Id">Stable identifier, e.g. <c>wk.client.cors</c>; see docs/rtc-doctor.md for the catalogue.</param>
/// <param name="Title">What was checked, in a few words.</param>
/// <param name="Outcome">Pass, warn, fail, info or skip.</param>
/// <param name="Finding">One line: what was observed (never contains a secret).</param>
/// <param name="Fix">How to fix it when the outcome is warn or fail; null otherwise.</param>
/// <param name="Url">The request that proved it (secrets masked), when there was one.</param>
public sealed record CheckResult(
    string Id,
    string Title,
    CheckOutcome Outcome,
    string Finding,
    string? Fix = null,
    string? Url = null);
