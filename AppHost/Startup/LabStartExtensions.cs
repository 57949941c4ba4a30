using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.Configuration;

namespace MatrixRtcLab.AppHost.Startup;

public static class LabStartExtensions
{
    /// <summary>Configuration key of the folder holding the lab's secrets and endpoints file (default <c>.lab/</c>).</summary>
    public const string StateDirectoryKey = "Lab:StateDirectory";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(8);

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
    /// Reads the <c>Lab:*</c> switches, checks that a container runtime answers (unless
    /// <c>Lab:Containers=on</c>, or when publishing), then loads the lab's secrets (creating the
    /// missing ones) and builds the model. Nothing is written before every check has passed.
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

        if (!builder.ExecutionContext.IsPublishMode && options.Containers != ContainerUse.On)
        {
            var runtime = builder.Configuration[ContainerRuntimeProbe.RuntimeSetting] is { Length: > 0 } configured ? configured : "docker";
            var status = options.Containers == ContainerUse.Off
                ? new ContainerRuntimeStatus(runtime, Answers: false, "Lab:Containers=off")
                : await ContainerRuntimeProbe.ProbeAsync(runtime, ProbeTimeout, cancellationToken);
            if (!status.Answers)
            {
                return LabStart.Refused(NoContainerRuntimeMessage.Create(status));
            }
        }

        try
        {
            return LabStart.Ready(LabModel.Load(builder.LabStateDirectory(), options));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return LabStart.Refused($"MatrixRTC Lab cannot start: {e.Message}");
        }
    }
}
