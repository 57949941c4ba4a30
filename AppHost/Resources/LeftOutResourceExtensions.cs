using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Resources;

public static class LeftOutResourceExtensions
{
    /// <summary>Lists a component that cannot run here, with why, on the dashboard and in the console.</summary>
    public static IResourceBuilder<LeftOutResource> AddLeftOut(this IDistributedApplicationBuilder builder, string name, string reason)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            start.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MatrixRtcLab")
                .LogWarning("{Component} is left out of this lab: {Reason}", name, reason);
            return Task.CompletedTask;
        });

        return builder.AddResource(new LeftOutResource(name, reason))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Left out",
                State = new ResourceStateSnapshot("Left out", KnownResourceStateStyles.Warn),
                Properties = [new ResourcePropertySnapshot("Reason", reason)],
            })
            .ExcludeFromManifest();
    }
}
