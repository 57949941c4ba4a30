namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>Every test shares one set of containers and runs one at a time (one webhook port).</summary>
[CollectionDefinition(Name)]
public sealed class ContainerLabCollection : ICollectionFixture<ContainerLab>
{
    public const string Name = "Real LiveKit, Synapse and Redis containers";
}
