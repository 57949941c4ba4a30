using System.Net.Sockets;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.LocalProcesses;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>Maps a topology <see cref="LocalProcessSpec"/> onto an Aspire executable.</summary>
public static class LabProcessExtensions
{
    public static IResourceBuilder<ExecutableResource> AddLabProcess(this IDistributedApplicationBuilder builder, LocalProcessSpec spec)
    {
        var process = builder.AddExecutable(spec.Name, spec.Program, spec.WorkingDirectory, [.. spec.Args]);

        foreach (var endpoint in spec.Endpoints)
        {
            // Unproxied on the lab's fixed port, like the containers: the same URL everywhere.
            process = endpoint.Protocol switch
            {
                EndpointProtocol.Http => process.WithHttpEndpoint(port: endpoint.HostPort, targetPort: endpoint.HostPort, name: endpoint.Name, isProxied: false),
                EndpointProtocol.Tcp => process.WithEndpoint(port: endpoint.HostPort, targetPort: endpoint.HostPort, scheme: "tcp", name: endpoint.Name,
                    isProxied: false, protocol: ProtocolType.Tcp),
                EndpointProtocol.Udp => process.WithEndpoint(port: endpoint.HostPort, targetPort: endpoint.HostPort, scheme: "udp", name: endpoint.Name,
                    isProxied: false, protocol: ProtocolType.Udp),
                _ => throw new InvalidOperationException($"{spec.Name}: unknown endpoint protocol {endpoint.Protocol}"),
            };
        }

        process = process.WithLabEnvironment(spec.Name, spec.Environment, spec.SecretEnvironment);

        if (spec.HealthCheck is { } health)
        {
            process = process.WithHttpHealthCheck(health.Path, endpointName: health.EndpointName);
        }

        // The generated files are written when the lab starts, not when the model is built.
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            LocalProcessFiles.Write(spec);
            return Task.CompletedTask;
        });
        return process;
    }
}
