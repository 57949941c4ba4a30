namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>One built (never started) AppHost model shared by the model tests.</summary>
[CollectionDefinition(Name)]
public sealed class LabAppModelCollection : ICollectionFixture<LabAppModel>
{
    public const string Name = "lab app model";
}
