namespace MatrixRtcLab.Topology.Lab;

/// <summary>How one component of a lab runs on this machine, decided by <see cref="LabComponentPlanner"/>.</summary>
public abstract record ComponentRun
{
    private ComponentRun()
    {
    }

    public bool IsContainer => this is Container;

    public bool IsLocal => this is Local;

    /// <summary>Runs as its pinned image.</summary>
    public sealed record Container : ComponentRun;

    /// <summary>Runs as a process on this machine: <paramref name="Program"/> with leading <paramref name="Arguments"/>.</summary>
    public sealed record Local(string Program, IReadOnlyList<string> Arguments) : ComponentRun;

    /// <summary>Cannot run here; <paramref name="Reason"/> says why and how to change that.</summary>
    public sealed record LeftOut(string Reason) : ComponentRun;
}
