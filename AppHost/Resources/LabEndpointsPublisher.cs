using MatrixRtcLab.AppHost.Startup;
using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Resources;

public static class LabEndpointsPublisher
{
    /// <summary>
    /// Writes the endpoints file (host-reachable URLs, users, MAS admin client) once every resource
    /// of the lab is healthy, and deletes it when the lab stops: the file exists only while the lab is up.
    /// </summary>
    public static void PublishLabEndpoints(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var path = builder.LabEndpointsPath();
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, cancellationToken) =>
        {
            var notifications = created.Services.GetRequiredService<ResourceNotificationService>();
            var lifetime = created.Services.GetRequiredService<IHostApplicationLifetime>();
            var logger = created.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MatrixRtcLab");
            var resources = created.Model.Resources.OfType<IResourceWithWaitSupport>().Select(r => r.Name).ToList();
            lifetime.ApplicationStopping.Register(() => File.Delete(path));
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.WhenAll(resources.Select(name => notifications.WaitForResourceHealthyAsync(name, lifetime.ApplicationStopping)));
                    LabEndpointsFile.Write(path, lab.Endpoints);
                    logger.LogInformation("MatrixRTC Lab is up: open {ElementWeb}; endpoints for tests and tools in {EndpointsFile}",
                        lab.Endpoints.ElementWebUrl, path);
                }
                catch (OperationCanceledException)
                {
                    // The lab stopped before it was up.
                }
            });
            return Task.CompletedTask;
        });
    }
}
