namespace MatrixRtc.Doctor.Unstick;

/// <summary>The plan (dry run) or the changes made (apply) for one room.</summary>
public sealed record UnstickReport(
    string RoomId,
    string CallerUserId,
    bool Applied,
    IReadOnlyList<UnstickItem> Items,
    bool CallActiveBefore,
    bool? CallActiveAfter,
    IReadOnlyList<string> Notes)
{
    /// <summary>Cancelled (Ctrl+C) after writing began; the items say what was written before.</summary>
    public bool Interrupted { get; init; }

    public int Writes => Items.Count(i => i.Outcome is UnstickOutcome.Cleared or UnstickOutcome.Rejoined);

    /// <summary>Applied, and a membership that should have been cleared was not (denied or failed).</summary>
    public bool HasFailures => Applied && Items.Any(i => i.Outcome is UnstickOutcome.Denied or UnstickOutcome.Failed);
}
