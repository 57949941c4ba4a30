namespace MatrixRtcLab.AppHost.Startup;

/// <param name="Runtime">The command Aspire uses (docker or podman).</param>
/// <param name="Answers">Whether it answered <c>info</c>, i.e. its engine is reachable.</param>
/// <param name="Detail">What it said, for the message when it did not answer.</param>
public sealed record ContainerRuntimeStatus(string Runtime, bool Answers, string Detail);
