namespace MatrixRtcLab.ServiceDefaults;

/// <summary>The service's own meters and activity sources, exported next to the framework's.</summary>
public sealed record LabTelemetryOptions
{
    public IReadOnlyList<string> Meters { get; init; } = [];
    public IReadOnlyList<string> ActivitySources { get; init; } = [];
}
