using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Startup;

/// <summary>The lab to start, or why it cannot start (one message for the console, no stack trace).</summary>
public sealed record LabStart(LabModel? Lab, string? Problem)
{
    public static LabStart Ready(LabModel lab) => new(lab, null);

    public static LabStart Refused(string problem) => new(null, problem);
}
