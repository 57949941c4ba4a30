namespace MatrixRtcLab.ServiceDefaults;

/// <summary>What a service tells <see cref="ServiceDefaultsExtensions.AddServiceDefaults{TBuilder}"/> about itself.</summary>
public sealed record ServiceDefaultsOptions
{
    /// <summary>The service's own meters, exported next to the framework's.</summary>
    public IReadOnlyList<string> Meters { get; init; } = [];

    /// <summary>The service's own activity sources, besides one named after the application.</summary>
    public IReadOnlyList<string> ActivitySources { get; init; } = [];

    /// <summary>Request paths left out of traces besides /health and /alive, such as the service's own probe.</summary>
    public IReadOnlyList<string> UntracedPaths { get; init; } = [];
}
