using MatrixRtc.Doctor.Checks;
using MatrixRtc.Doctor.Http;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>rtc-doctor on the dashboard: runs the deployment checks against the running lab.</summary>
public static class DoctorCommandExtensions
{
    public static IResourceBuilder<T> WithDeploymentCheckCommand<T>(this IResourceBuilder<T> resource, LabModel lab)
        where T : IResource
    {
        var endpoints = lab.Endpoints;
        return resource.WithCommand(
            "check-deployment",
            "Check deployment",
            async context =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ResourceLoggerService>().GetLogger(resource.Resource);
                using var http = DoctorHttpClient.Create();
                var report = await new DeploymentChecker(http).RunAsync(
                    new DeploymentCheckOptions
                    {
                        ServerName = endpoints.ServerName,
                        ServerBaseUrl = endpoints.HomeserverUrl,
                        ClientUrl = endpoints.HomeserverUrl,
                        AuthServiceUrl = endpoints.AuthServiceUrl,
                        LiveKitUrl = endpoints.LiveKitUrl,
                        LiveKitKey = lab.AuthServiceEnvironment["LIVEKIT_KEY"],
                        LiveKitSecret = lab.AuthServiceEnvironment["LIVEKIT_SECRET"],
                    },
                    context.CancellationToken);

                foreach (var check in report.Checks)
                {
                    logger.LogInformation("rtc-doctor {Outcome} {Id}: {Finding} {Fix}", check.Outcome, check.Id, check.Finding, check.Fix);
                }

                var failed = report.Checks.Where(c => c.Outcome == CheckOutcome.Fail).Select(c => c.Id).ToList();
                return failed.Count == 0
                    ? CommandResults.Success()
                    : CommandResults.Failure($"{failed.Count} check(s) failed: {string.Join(", ", failed)}; see this resource's console log for fixes");
            },
            new CommandOptions
            {
                Description = "Run rtc-doctor's deployment checks (well-knowns, MAS, MSC4143 transports, auth service, LiveKit, auto_create) against the lab",
                IconName = "Stethoscope",
            });
    }
}
