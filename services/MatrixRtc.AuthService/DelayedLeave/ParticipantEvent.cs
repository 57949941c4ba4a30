namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>What a verified LiveKit webhook says happened to a participant.</summary>
public enum ParticipantEvent
{
    Connected,
    DisconnectedIntentionally,
    ConnectionAborted,
}
