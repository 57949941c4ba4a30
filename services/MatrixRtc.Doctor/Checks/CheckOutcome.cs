namespace MatrixRtc.Doctor.Checks;

public enum CheckOutcome
{
    Pass,
    Warn,
    Fail,

    /// <summary>Something worth knowing that is neither right nor wrong (e.g. TURN servers).</summary>
    Info,

    /// <summary>Not run: it needs input that was not given (credentials, LiveKit keys) or an earlier check failed.</summary>
    Skip,
}
