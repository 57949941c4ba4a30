using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>Synapse, MAS, Nextcloud and Element Web, each described by AppHost.Topology's LabContainers.</summary>
public static class MatrixResourceExtensions
{
    public static IResourceBuilder<ContainerResource> AddNextcloud(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabContainer(LabContainers.Nextcloud(lab))
            .WithUrlForEndpoint(LabContainers.HttpEndpoint, url => url.DisplayText = "Nextcloud (test users' login)");

    public static IResourceBuilder<ContainerResource> AddMatrixAuthenticationService(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabContainer(LabContainers.Mas(lab))
            .WithUrlForEndpoint(LabContainers.HttpEndpoint, url => url.DisplayText = "MAS");

    public static IResourceBuilder<ContainerResource> AddSynapse(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabContainer(LabContainers.Synapse(lab))
            .WithUrlForEndpoint(LabContainers.HttpEndpoint, url => url.DisplayText = "Synapse (client API)");

    public static IResourceBuilder<ContainerResource> AddElementWeb(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabContainer(LabContainers.ElementWeb(lab))
            .WithUrlForEndpoint(LabContainers.HttpEndpoint, url => url.DisplayText = "Element Web (start here)");
}
