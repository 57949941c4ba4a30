using System.Net.Sockets;
using MatrixRtcLab.Topology.Containers;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>Maps a topology <see cref="ContainerSpec"/> onto Aspire container calls.</summary>
public static class LabContainerExtensions
{
    public static IResourceBuilder<ContainerResource> AddLabContainer(this IDistributedApplicationBuilder builder, ContainerSpec spec)
    {
        var container = builder.AddContainer(spec.Name, spec.Image.Repository, spec.Image.Tag)
            .WithImageRegistry(spec.Image.Registry);

        foreach (var endpoint in spec.Endpoints)
        {
            // Unproxied, host port == container port (except Nextcloud): the same URL works for the
            // browser and, for LiveKit media, the ICE candidates LiveKit advertises are reachable.
            container = endpoint.Protocol switch
            {
                EndpointProtocol.Http => container.WithHttpEndpoint(
                    port: endpoint.HostPort, targetPort: endpoint.ContainerPort, name: endpoint.Name, isProxied: false),
                EndpointProtocol.Tcp => container.WithEndpoint(
                    port: endpoint.HostPort, targetPort: endpoint.ContainerPort, scheme: "tcp", name: endpoint.Name,
                    isProxied: false, protocol: ProtocolType.Tcp),
                EndpointProtocol.Udp => container.WithEndpoint(
                    port: endpoint.HostPort, targetPort: endpoint.ContainerPort, scheme: "udp", name: endpoint.Name,
                    isProxied: false, protocol: ProtocolType.Udp),
                _ => throw new InvalidOperationException($"{spec.Name}: unknown endpoint protocol {endpoint.Protocol}"),
            };
        }

        container = container.WithLabEnvironment(spec.Name, spec.Environment, spec.SecretEnvironment);

        if (spec.Args.Count > 0)
        {
            container = container.WithArgs(spec.Args.ToArray());
        }

        foreach (var directory in spec.Files.GroupBy(f => f.Directory))
        {
            container = container.WithContainerFiles(
                directory.Key,
                directory.Select(file => (ContainerFileSystemItem)new ContainerFile
                {
                    Name = file.Name,
                    Contents = file.Contents,
                    Mode = file.Mode,
                    Owner = file.Owner,
                    Group = file.Owner,
                }).ToList());
        }

        foreach (var volume in spec.Volumes)
        {
            container = container.WithVolume(volume.Name, volume.Target);
        }

        foreach (var alias in spec.HostGatewayAliases)
        {
            container = container.WithContainerRuntimeArgs($"--add-host={alias}:host-gateway");
        }

        if (spec.HealthCheck is { } health)
        {
            container = container.WithHttpHealthCheck(health.Path, endpointName: health.EndpointName);
        }

        return container;
    }

    /// <summary>
    /// Sets environment variables; the ones named in <paramref name="secrets"/> go through Aspire
    /// secret parameters (<c>RESOURCE-VARIABLE</c>), so the dashboard masks them.
    /// </summary>
    public static IResourceBuilder<T> WithLabEnvironment<T>(
        this IResourceBuilder<T> resource, string resourceName, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<string> secrets)
        where T : IResourceWithEnvironment
    {
        foreach (var (name, value) in environment)
        {
            resource = secrets.Contains(name)
                ? resource.WithEnvironment(name, resource.ApplicationBuilder.AddParameter(
                    $"{resourceName}-{name.ToLowerInvariant().Replace('_', '-')}", value, secret: true))
                : resource.WithEnvironment(name, value);
        }

        return resource;
    }
}
