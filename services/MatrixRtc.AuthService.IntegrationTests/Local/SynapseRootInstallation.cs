using MatrixRtcLab.Topology.Lab;

namespace MatrixRtc.AuthService.IntegrationTests.Local;

/// <summary>
/// A real Synapse without Docker: the Debian root that <c>AppHost/LocalRuntime/synapse-root.sh</c> built,
/// and <c>synapse-in-root.sh</c>, which runs Synapse (or another command) from it. Running needs root.
/// </summary>
/// <param name="Root">The built root.</param>
/// <param name="Wrapper">The absolute path of <c>synapse-in-root.sh</c> in this checkout.</param>
public sealed record SynapseRootInstallation(string Root, string Wrapper)
{
    /// <summary>The root and the wrapper, or null with <paramref name="missing"/> saying what is missing.</summary>
    public static SynapseRootInstallation? Find(Func<string, string?> environment, string startDirectory, out string? missing)
    {
        var root = SynapseRootLocation.Configured(environment);
        if (!SynapseRootLocation.IsBuilt(root))
        {
            missing = $"no Synapse root at {root}: run {SynapseRootLocation.BuildScript}";
            return null;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            missing = $"the Synapse root at {root} runs Synapse only as root (mount namespace, chroot), and this test run is not root";
            return null;
        }

        string repository;
        try
        {
            repository = LabState.FindRepositoryRoot(startDirectory);
        }
        catch (DirectoryNotFoundException e)
        {
            missing = $"{LabComponentPlanner.SynapseWrapper} not found: {e.Message}";
            return null;
        }

        missing = null;
        return new SynapseRootInstallation(root, Path.Combine(repository, LabComponentPlanner.SynapseWrapper));
    }
}
