using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtcLab.AppHost.Startup;

public static class LabStartExtensions
{
    /// <summary>Configuration key of the folder holding the lab's secrets and endpoints file (default <c>.lab/</c>).</summary>
    public const string StateDirectoryKey = "Lab:StateDirectory";

    /// <summary>The repository root: the AppHost lives in <c>&lt;root&gt;/AppHost</c>.</summary>
    public static string RepositoryRoot(this IDistributedApplicationBuilder builder) =>
        LabState.FindRepositoryRoot(builder.AppHostDirectory);

    public static string LabStateDirectory(this IDistributedApplicationBuilder builder) =>
        builder.Configuration[StateDirectoryKey] is { Length: > 0 } directory
            ? Path.GetFullPath(directory)
            : LabState.Directory(builder.RepositoryRoot());

    public static string LabEndpointsPath(this IDistributedApplicationBuilder builder) =>
        LabEndpointsFile.ResolvePath(builder.LabStateDirectory());

    /// <summary>
    /// Reads the <c>Lab:*</c> switches, finds what this machine offers (a container runtime that
    /// answers, unless <c>Lab:Containers=on</c>; local programs), decides how each component runs, and
    /// refuses to start when the homeserver, its database, the job store or (with MAS login) MAS cannot
    /// run. Only then are the lab's secrets loaded (and the missing ones created).
    /// </summary>
    public static async Task<LabStart> PrepareLabAsync(this IDistributedApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        LabOptions options;
        try
        {
            options = LabOptionsReader.Read(key => builder.Configuration[key]);
        }
        catch (ArgumentException e)
        {
            return LabStart.Refused($"MatrixRTC Lab cannot start: {e.Message}.");
        }

        var publishing = builder.ExecutionContext.IsPublishMode;
        var machine = await LabMachineProbe.ProbeAsync(
            publishing ? options with { Containers = ContainerUse.On } : options,
            builder.RepositoryRoot(),
            builder.Configuration[ContainerRuntimeProbe.RuntimeSetting],
            cancellationToken);
        var components = LabComponentPlanner.Plan(options, machine);
        if (components.MissingEssentials().Any())
        {
            return LabStart.Refused(LabStartRefusal.Create(components, machine));
        }

        try
        {
            var lab = LabModel.Load(builder.LabStateDirectory(), options, machine);
            builder.Services.AddSingleton(lab); // the model the AppHost maps, for commands and tests
            return LabStart.Ready(lab);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return LabStart.Refused($"MatrixRTC Lab cannot start: {e.Message}");
        }
    }
}
