namespace MatrixRtcLab.AppHost.Startup;

/// <summary>What a user reads when the lab needs containers and no container runtime answers.</summary>
public static class NoContainerRuntimeMessage
{
    public const string Headline = "MatrixRTC Lab cannot start: it needs a container runtime and none answers.";

    public static string Create(ContainerRuntimeStatus status) => string.Join(Environment.NewLine,
        Headline,
        $"  {status.Detail}",
        "  The lab runs Synapse, MAS, Nextcloud, LiveKit, Element Web, PostgreSQL and Redis as containers.",
        "Fix: start Docker (or Podman, with ASPIRE_CONTAINER_RUNTIME=podman) and run `dotnet run --project AppHost` again.",
        "To start without this check (the orchestrator then reports a missing runtime itself): --Lab:Containers=on.");
}
