using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>What the lab fixture will do, decided by <see cref="LabLocator"/> from what it found.</summary>
public abstract record LabPlan
{
    private LabPlan()
    {
    }

    /// <summary>A deployment answers: test against it.</summary>
    public sealed record Attach(LabEndpoints Endpoints, string Source) : LabPlan;

    /// <summary>No lab answers, but Docker does: start one for the run (<see cref="AspireLabStarter"/>).</summary>
    public sealed record StartAppHost(string WhyNoLab) : LabPlan;

    /// <summary>Nothing to test against and no way to start one: skip every stack test with this reason.</summary>
    public sealed record Skip(string Reason) : LabPlan;

    /// <summary>Something is configured but broken: fail every stack test with this message.</summary>
    public sealed record Fail(string Message) : LabPlan;
}
