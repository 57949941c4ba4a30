using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Finds what to test against, in order: a deployment described by the environment
/// (<see cref="LabEnvironment"/>), a running lab's endpoints file, or — when a Docker engine
/// answers — a lab to start for the run (<see cref="AspireLabStarter"/>). Otherwise the plan is to skip, with a reason naming every missing piece.
/// </summary>
public sealed class LabLocator(
    Func<string, string?> env,
    string repositoryRoot,
    Func<LabEndpoints, CancellationToken, Task<IReadOnlyList<string>>> problems,
    Func<CancellationToken, Task<DockerStatus>> docker)
{
    public string EndpointsFile =>
        env(LabEndpointsFile.PathVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : LabEndpointsFile.DefaultPath(repositoryRoot);

    public async Task<LabPlan> LocateAsync(CancellationToken cancellationToken)
    {
        if (LabEnvironment.IsSelected(env))
        {
            LabEndpoints fromEnvironment;
            try
            {
                fromEnvironment = LabEnvironment.Read(env);
            }
            catch (LabConfigurationException e)
            {
                return new LabPlan.Fail(e.Message);
            }
            var down = await problems(fromEnvironment, cancellationToken);
            return down.Count == 0
                ? new LabPlan.Attach(fromEnvironment, "environment (MATRIXRTC_E2E_*)")
                : new LabPlan.Fail($"The deployment named by the environment does not answer: {string.Join("; ", down)}");
        }

        var file = EndpointsFile;
        string fileState;
        if (File.Exists(file))
        {
            LabEndpoints fromFile;
            try
            {
                fromFile = LabEndpointsFile.Read(file);
            }
            catch (InvalidDataException e)
            {
                return new LabPlan.Fail(e.Message);
            }
            var down = await problems(fromFile, cancellationToken);
            if (down.Count == 0)
            {
                return new LabPlan.Attach(fromFile, file);
            }
            fileState = $"the endpoints file {file} exists but its lab does not answer ({string.Join("; ", down)})";
        }
        else
        {
            var how = env(LabEndpointsFile.PathVariable) is { Length: > 0 }
                ? $"{LabEndpointsFile.PathVariable} points there"
                : $"{LabEndpointsFile.PathVariable} is not set, so that is the default";
            fileState = $"no endpoints file at {file} ({how}; a running lab writes it)";
        }

        var noEnvironment = $"no deployment in the environment ({LabEnvironment.HomeserverUrl} and friends are not set)";
        var engine = await docker(cancellationToken);
        if (engine.Available)
        {
            return new LabPlan.StartAppHost($"{fileState}; {noEnvironment}; {engine.Detail} answers, so the lab is started for this run");
        }
        return new LabPlan.Skip(
            $"No MatrixRTC lab to test against: {fileState}; {noEnvironment}; and no Docker engine to start one ({engine.Detail}). " +
            "Start the lab (`dotnet run --project AppHost`) or see docs/e2e.md for testing another deployment.");
    }
}
