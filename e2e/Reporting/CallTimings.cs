namespace MatrixRtcLab.E2E.Reporting;

/// <summary>How long one call test took for the steps a person waits for.</summary>
public sealed record CallTimings(
    string Test,
    TimeSpan? LogIn,
    TimeSpan? Connect,
    TimeSpan? FirstRemoteFrame)
{
    /// <summary>Connected within this long after clicking join counts as good on a warm lab.</summary>
    public static TimeSpan ConnectTarget { get; } = TimeSpan.FromSeconds(15);
}
