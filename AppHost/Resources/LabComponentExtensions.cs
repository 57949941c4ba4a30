using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

public static class LabComponentExtensions
{
    /// <summary>
    /// Adds one component the way the lab runs it here: its container, its local process, or a
    /// left-out entry with the reason. Null when the component is not part of this lab at all.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints>? AddLabComponent(
        this IDistributedApplicationBuilder builder, LabModel lab, string name, string displayText)
    {
        var (_, run) = lab.Components.All().SingleOrDefault(c => c.Name == name);
        IResourceBuilder<IResourceWithEndpoints>? resource = run switch
        {
            null => null,
            ComponentRun.Container => AsEndpoints(builder, builder.AddLabContainer(lab.Container(name))),
            ComponentRun.Local => AsEndpoints(builder, builder.AddLabProcess(lab.Processes.Single(p => p.Name == name))),
            ComponentRun.LeftOut leftOut => Nothing(builder.AddLeftOut(name, leftOut.Reason)),
            _ => throw new InvalidOperationException($"{name}: unknown run {run}"),
        };
        return resource?.WithUrlForEndpoint(LabContainers.HttpEndpoint, url => url.DisplayText = displayText);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AsEndpoints<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithEndpoints => builder.CreateResourceBuilder<IResourceWithEndpoints>(resource.Resource);

    private static IResourceBuilder<IResourceWithEndpoints>? Nothing<T>(IResourceBuilder<T> _)
        where T : IResource => null;
}
