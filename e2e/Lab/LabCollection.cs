using Xunit;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>Every stack test shares one lab and runs one at a time (upstream runs calls with one worker too).</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "MatrixRTC lab";
}
