namespace MatrixRtc.AuthService.LiveKit;

/// <summary>What the SFU said about a participant: a definite yes, a definite no, or no answer.</summary>
public enum ParticipantPresence
{
    Present,
    Absent,
    Unknown,
}
