using MatrixRtcLab.AppHost.Seeding;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>Synapse, MAS, Nextcloud and Element Web, as the lab's model says they run.</summary>
public static class MatrixResourceExtensions
{
    public static void AddNextcloud(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabComponent(lab, LabResourceNames.Nextcloud, "Nextcloud (test users' login)");

    public static void AddMatrixAuthenticationService(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabComponent(lab, LabResourceNames.Mas, "MAS");

    public static void AddSynapse(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        builder.AddLabComponent(lab, LabResourceNames.Synapse, "Synapse (client API)");
        if (lab.Options.Login == LabLogin.Password && lab.Components.Runs(LabResourceNames.Synapse))
        {
            builder.SeedSynapseUsers(lab);
        }
    }

    public static void AddElementWeb(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabComponent(lab, LabResourceNames.ElementWeb, "Element Web (start here)");
}
