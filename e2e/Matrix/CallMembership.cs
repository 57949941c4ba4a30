namespace MatrixRtcLab.E2E.Matrix;

/// <summary>
/// One MatrixRTC membership state event (<c>org.matrix.msc3401.call.member</c>, legacy and compatibility
/// modes). It is live while its content still names an application and a device; leaving overwrites
/// it with <c>{}</c> or <c>{leave_reason}</c>.
/// </summary>
public sealed record CallMembership(string StateKey, string Sender, bool IsLive);
