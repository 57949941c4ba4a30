using MatrixRtcLab.AppHost.Seeding;
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
            var resources = lab.RunningResources;
            lifetime.ApplicationStopping.Register(() => File.Delete(path));
            _ = Task.Run(async () =>
            {
                logger.LogInformation("Waiting for {Resources} to be healthy", string.Join(", ", resources));
                try
                {
                    await Task.WhenAll(resources.Select(name => notifications.WaitForResourceHealthyAsync(name, lifetime.ApplicationStopping)));
                    if (created.Services.GetService<SynapseUserSeeding>() is { } seeding)
                    {
                        await seeding.Completion.WaitAsync(lifetime.ApplicationStopping);
                    }

                    LabEndpointsFile.Write(path, lab.Endpoints);
                    logger.LogInformation("MatrixRTC Lab is up: {Start}; endpoints for tests and tools in {EndpointsFile}",
                        lab.Components.Runs(LabResourceNames.ElementWeb)
                            ? $"open {lab.Endpoints.ElementWebUrl}"
                            : $"homeserver {lab.Endpoints.HomeserverUrl} (Element Web is left out)",
                        path);
                }
                catch (OperationCanceledException)
                {
                    // The lab stopped before it was up.
                }
                catch (HttpRequestException e)
                {
                    logger.LogError("MatrixRTC Lab is not up, {EndpointsFile} was not written: {Reason}", path, e.Message);
                }
            });
            return Task.CompletedTask;
        });
    }
}
