using MatrixRtcLab.Topology.AuthService;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>LiveKit and our MatrixRTC Authorization Service.</summary>
public static class RtcResourceExtensions
{
    public static void AddLiveKit(this IDistributedApplicationBuilder builder, LabModel lab) =>
        builder.AddLabComponent(lab, LabResourceNames.LiveKit, "LiveKit (signalling)");

    /// <summary>
    /// Runs services/MatrixRtc.AuthService on the host with lk-jwt-service's environment. Its port is
    /// fixed and unproxied: browsers, LiveKit's webhook (via the host gateway) and the e2e suite use it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddMatrixRtcAuthService(
        this IDistributedApplicationBuilder builder,
        LabModel lab)
    {
        var service = builder.AddProject<Projects.MatrixRtc_AuthService>(
                LabResourceNames.AuthService,
                options =>
                {
                    // The port comes from the lab, not from launchSettings.json or Kestrel config.
                    options.ExcludeLaunchProfile = true;
                    options.ExcludeKestrelEndpoints = true;
                })
            .WithHttpEndpoint(port: lab.Topology.AuthService.HostPort, name: LabContainers.HttpEndpoint, isProxied: false);

        return service
            .WithLabEnvironment(LabResourceNames.AuthService, lab.AuthServiceEnvironment, AuthServiceEnvironment.SecretVariables)
            .WithHttpHealthCheck(AuthServiceEnvironment.HealthPath, endpointName: LabContainers.HttpEndpoint);
    }
}
