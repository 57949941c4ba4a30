namespace MatrixRtcLab.Topology.Lab;

/// <summary>How each component of one lab runs. MAS and Nextcloud are null when users log in with passwords.</summary>
public sealed record LabComponents(
    ComponentRun Postgres,
    ComponentRun Redis,
    ComponentRun Synapse,
    ComponentRun LiveKit,
    ComponentRun ElementWeb,
    ComponentRun? Mas,
    ComponentRun? Nextcloud)
{
    /// <summary>Every component with its resource name (the auth service, a project, always runs).</summary>
    public IEnumerable<(string Name, ComponentRun Run)> All()
    {
        yield return (LabResourceNames.Postgres, Postgres);
        yield return (LabResourceNames.Redis, Redis);
        yield return (LabResourceNames.Synapse, Synapse);
        if (Mas is not null)
        {
            yield return (LabResourceNames.Mas, Mas);
        }

        if (Nextcloud is not null)
        {
            yield return (LabResourceNames.Nextcloud, Nextcloud);
        }

        yield return (LabResourceNames.LiveKit, LiveKit);
        yield return (LabResourceNames.ElementWeb, ElementWeb);
    }

    /// <summary>Whether the named component runs (as a container or locally).</summary>
    public bool Runs(string name) => All().Any(c => c.Name == name && c.Run is not ComponentRun.LeftOut);

    /// <summary>The components the lab cannot do without: the homeserver, its database, the job store, and MAS when it handles logins.</summary>
    public IEnumerable<(string Name, ComponentRun.LeftOut Reason)> MissingEssentials() =>
        All().Where(c => c.Name is LabResourceNames.Postgres or LabResourceNames.Redis or LabResourceNames.Synapse
                or LabResourceNames.Mas or LabResourceNames.Nextcloud)
            .Where(c => c.Run is ComponentRun.LeftOut)
            .Select(c => (c.Name, (ComponentRun.LeftOut)c.Run));

    /// <summary>Components that are left out but the lab starts without (LiveKit, Element Web).</summary>
    public IEnumerable<(string Name, ComponentRun.LeftOut Reason)> LeftOut() =>
        All().Where(c => c.Run is ComponentRun.LeftOut).Select(c => (c.Name, (ComponentRun.LeftOut)c.Run));
}
