namespace MatrixRtcLab.E2E.Media;

/// <summary>What <see cref="MediaFlowCheck"/> saw: when the first remote frame decoded, and the last samples.</summary>
public sealed record MediaFlowResult(TimeSpan FirstRemoteFrameAfter, MediaSnapshot First, MediaSnapshot Last);
