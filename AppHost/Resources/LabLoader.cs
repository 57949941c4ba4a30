using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

public static class LabLoader
{
    /// <summary>The repository root: the AppHost lives in <c>&lt;root&gt;/AppHost</c>.</summary>
    public static string RepositoryRoot(this IDistributedApplicationBuilder builder) =>
        LabState.FindRepositoryRoot(builder.AppHostDirectory);

    /// <summary>
    /// Loads the lab's secrets from <c>.lab/</c> (creating what is missing) and builds the model with
    /// the scenario switches from configuration (<c>Lab:*</c>, see <see cref="LabOptionsReader"/>).
    /// </summary>
    public static LabModel LoadLab(this IDistributedApplicationBuilder builder) =>
        LabModel.Load(LabState.Directory(builder.RepositoryRoot()), LabOptionsReader.Read(key => builder.Configuration[key]));

    /// <summary>Writes the endpoints file (host-reachable URLs, users, MAS admin client) when the lab starts.</summary>
    public static void PublishLabEndpoints(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var path = LabEndpointsFile.ResolvePath(builder.RepositoryRoot());
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            LabEndpointsFile.Write(path, lab.Endpoints);
            return Task.CompletedTask;
        });
    }
}
