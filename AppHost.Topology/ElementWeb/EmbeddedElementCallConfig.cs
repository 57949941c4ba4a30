namespace MatrixRtcLab.Topology.ElementWeb;

/// <summary>
/// The config.json of the Element Call build embedded in Element Web. Mounting it replaces the
/// shipped file, so the shipped call-session timings are repeated here; the LiveKit service URL
/// is the last-resort transport for embedded builds older than Element Call 0.24.
/// </summary>
public sealed record EmbeddedElementCallConfig(EmbeddedElementCallLiveKit Livekit, EmbeddedElementCallSession MatrixRtcSession);

public sealed record EmbeddedElementCallLiveKit(string LivekitServiceUrl);

public sealed record EmbeddedElementCallSession(
    int WaitForKeyRotationMs,
    int DelayedLeaveEventRestartMs,
    int DelayedLeaveEventDelayMs);
