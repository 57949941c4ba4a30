using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Startup;

/// <summary>What a user reads when a component the lab cannot do without cannot run here.</summary>
public static class LabStartRefusal
{
    public const string NoContainerRuntimeHeadline = "MatrixRTC Lab cannot start: it needs a container runtime and none answers.";

    public const string WithoutContainers = "dotnet run --project AppHost -- --Lab:Runtime=local --Lab:Login=password";

    public static string Create(LabComponents components, LabMachine machine)
    {
        var missing = components.MissingEssentials().ToList();
        var lines = new List<string>();
        if (!machine.ContainersAnswer && missing.Any(m => m.Reason.Reason.Contains("container", StringComparison.Ordinal)))
        {
            lines.Add(NoContainerRuntimeHeadline);
            lines.Add($"  {machine.ContainerProblem}");
        }
        else
        {
            lines.Add("MatrixRTC Lab cannot start: a component it cannot do without cannot run here.");
        }

        lines.AddRange(missing.Select(m => $"  {m.Name}: {m.Reason.Reason}"));
        lines.Add("Fix: start Docker (or Podman, with ASPIRE_CONTAINER_RUNTIME=podman) and run `dotnet run --project AppHost` again.");
        lines.Add($"Without containers: `{WithoutContainers}` runs Synapse, PostgreSQL and Redis as local processes with password login (README, \"Without Docker\").");
        return string.Join(Environment.NewLine, lines);
    }
}
