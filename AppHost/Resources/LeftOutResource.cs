namespace MatrixRtcLab.AppHost.Resources;

/// <summary>A component of the lab that cannot run on this machine: shown on the dashboard with the reason, never started.</summary>
public sealed class LeftOutResource(string name, string reason) : Resource(name)
{
    public string Reason { get; } = reason;
}
