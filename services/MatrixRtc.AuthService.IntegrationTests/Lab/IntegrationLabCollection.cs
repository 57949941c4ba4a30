namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>Every test shares one lab (containers or local servers) and runs one at a time (one webhook port).</summary>
[CollectionDefinition(Name)]
public sealed class IntegrationLabCollection : ICollectionFixture<IntegrationLab>
{
    public const string Name = "Real Synapse, Redis and SFU (containers, or local processes without Docker)";
}
