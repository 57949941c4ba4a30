// Command arguments are interaction inputs, experimental in Aspire.
#pragma warning disable ASPIREINTERACTION001
using MatrixRtc.Doctor.Checks;
using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.Memberships;
using MatrixRtc.Doctor.Unstick;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>rtc-doctor on the dashboard: deployment checks and stuck-call repair against the running lab.</summary>
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
                var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource.Resource);
                using var http = DoctorHttpClient.Create();
                var report = await new DeploymentChecker(http).RunAsync(
                    new DeploymentCheckOptions
                    {
                        ServerName = endpoints.ServerName,
                        ServerBaseUrl = endpoints.HomeserverUrl,
                        ClientUrl = endpoints.HomeserverUrl,
                        // The lab's auth service reaches the openid listener through LIVEKIT_FEDERATION_URL_OVERRIDES.
                        FederationUrl = endpoints.HomeserverUrl,
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

    /// <summary>
    /// "Unstick calls": takes a room, an access token of a member with enough power and whether to
    /// apply as command arguments (the dashboard asks for them), then runs rtc-doctor's repair (a dry
    /// run unless applied), with the lab's LiveKit keys so only memberships that are not on the SFU are cleared.
    /// </summary>
    public static IResourceBuilder<T> WithUnstickCallsCommand<T>(this IResourceBuilder<T> resource, LabModel lab)
        where T : IResource
    {
        var endpoints = lab.Endpoints;
        return resource.WithCommand(
            "unstick-calls",
            "Unstick calls",
            async context =>
            {
                var arguments = context.Arguments;
                var apply = arguments.ContainsName("apply") && bool.TryParse(arguments.GetString("apply"), out var applyValue) && applyValue;
                var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource.Resource);
                using var http = DoctorHttpClient.Create();
                UnstickReport report;
                try
                {
                    report = await new StuckCallRepairer(http).RunAsync(
                        new UnstickOptions
                        {
                            HomeserverUrl = endpoints.HomeserverUrl,
                            RoomId = arguments.GetString("room") ?? "",
                            AccessToken = arguments.GetString("token") ?? "",
                            Apply = apply,
                            // Lab members name our auth service as their transport; members naming another are left alone.
                            LiveKit = new LiveKitCredentials(endpoints.LiveKitUrl, lab.AuthServiceEnvironment["LIVEKIT_KEY"], lab.AuthServiceEnvironment["LIVEKIT_SECRET"])
                            {
                                ServiceUrl = endpoints.AuthServiceUrl,
                            },
                        },
                        context.CancellationToken);
                }
                catch (Exception e) when (e is MatrixRtc.Doctor.Matrix.MatrixApiException or MatrixRtc.Doctor.DoctorUsageException
                                           or MatrixRtc.Doctor.LiveKit.LiveKitApiException or HttpRequestException)
                {
                    return CommandResults.Failure(e.Message); // rtc-doctor's messages never contain the token
                }

                foreach (var item in report.Items)
                {
                    logger.LogInformation("rtc-doctor unstick {Outcome} {StateKey} ({Sender}): {Reason}", item.Outcome, item.Membership.StateKey, item.Membership.Sender, item.Reason);
                }

                var summary = $"{(report.Applied ? "applied" : "dry run")}: {report.Items.Count} membership(s), {report.Writes} cleared; call active before: {report.CallActiveBefore}";
                return report.HasFailures ? CommandResults.Failure(summary + "; some could not be cleared, see the console log") : CommandResults.Success();
            },
            new CommandOptions
            {
                Description = "Find and clear stale MatrixRTC call memberships in a room (rtc-doctor unstick; dry run unless 'Apply')",
                IconName = "PlugDisconnected",
                Arguments =
                [
                    new InteractionInput { Name = "room", Label = "Room ID", InputType = InputType.Text, Required = true, Placeholder = "!room:" + endpoints.ServerName },
                    new InteractionInput { Name = "token", Label = "Access token of a room member with power to clear memberships", InputType = InputType.SecretText, Required = true },
                    new InteractionInput { Name = "apply", Label = "Apply (otherwise a dry run)", InputType = InputType.Boolean },
                ],
            });
    }
}
