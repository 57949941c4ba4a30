using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>A real Redis (the lab's pinned image) for the service's delegated-leave job store.</summary>
public sealed class RedisContainer : IRedisUnderTest
{
    private const ushort Port = 6379;

    private readonly IContainer container;

    private RedisContainer(IContainer container) => this.container = container;

    public string Url(int database) => $"redis://{container.Hostname}:{container.GetMappedPublicPort(Port)}/{database}";

    public static async Task<RedisContainer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new ContainerBuilder(ImageVersions.Redis.Reference)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted(new[] { "redis-cli", "ping" }))
            .Build();
        await ContainerStart.StartAsync(container, "Redis", cancellationToken);
        return new RedisContainer(container);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
