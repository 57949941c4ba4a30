namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Where <c>AppHost/LocalRuntime/synapse-root.sh</c> builds the Debian root holding Synapse (and where
/// <c>synapse-in-root.sh</c> looks for it), and how a complete root is recognised: by its stamp file.
/// </summary>
public static class SynapseRootLocation
{
    public const string Variable = "MATRIXRTC_LAB_SYNAPSE_ROOT";
    public const string DefaultPath = "/var/cache/matrixrtc-lab/synapse-root";
    public const string StampName = ".matrixrtc-lab-synapse-root";
    public const string BuildScript = "AppHost/LocalRuntime/synapse-root.sh";

    /// <summary>The root the scripts use: <c>$MATRIXRTC_LAB_SYNAPSE_ROOT</c>, else <see cref="DefaultPath"/>.</summary>
    public static string Configured(Func<string, string?> environment) =>
        environment(Variable) is { Length: > 0 } root ? root : DefaultPath;

    /// <summary>Whether the build finished there (it writes the stamp just before the root gets its name).</summary>
    public static bool IsBuilt(string root) => File.Exists(Path.Combine(root, StampName));
}
