using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

public static class StartOrderExtensions
{
    /// <summary>
    /// Applies the lab's start order (<see cref="LabModel.StartOrder"/>) as Aspire WaitFor
    /// relations; call it once every resource has been added.
    /// </summary>
    public static void ApplyStartOrder(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        IResource Find(string name) =>
            builder.Resources.SingleOrDefault(r => r.Name == name)
            ?? throw new InvalidOperationException($"The lab's start order names '{name}', which the AppHost did not add.");

        foreach (var (name, dependencies) in lab.StartOrder)
        {
            var waiting = Find(name) as IResourceWithWaitSupport
                ?? throw new InvalidOperationException($"'{name}' cannot wait for other resources.");
            var resource = builder.CreateResourceBuilder(waiting);
            foreach (var dependency in dependencies)
            {
                resource.WaitFor(builder.CreateResourceBuilder(Find(dependency)));
            }
        }
    }
}
