namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>One local lab (fixed ports) for the tests that talk to it.</summary>
[CollectionDefinition(Name)]
public sealed class LocalLabCollection : ICollectionFixture<LocalLab>
{
    public const string Name = "local lab";
}
