namespace MatrixRtc.Doctor.Unstick;

/// <summary>What happened to one membership.</summary>
public enum UnstickOutcome
{
    /// <summary>Left alone (see the reason).</summary>
    Skipped,

    /// <summary>Would be cleared; dry run.</summary>
    Planned,

    /// <summary>Would be cleared but the caller may not (power level, owned state key).</summary>
    Denied,

    /// <summary>Cleared: <c>{}</c> written.</summary>
    Cleared,

    /// <summary>Changed between reading and writing (someone re-joined or left); not written.</summary>
    ChangedMeanwhile,

    /// <summary>Cleared, but the owner's live client wrote it again: the member was not stuck.</summary>
    Rejoined,

    /// <summary>The write failed.</summary>
    Failed,
}
