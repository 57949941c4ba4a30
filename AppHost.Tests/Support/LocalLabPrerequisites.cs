using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>What starting the lab with local processes needs on this machine; <see cref="Missing"/> says what is not there.</summary>
public static class LocalLabPrerequisites
{
    public static string? Missing()
    {
        var root = SynapseRootLocation.Configured(Environment.GetEnvironmentVariable);
        if (!SynapseRootLocation.IsBuilt(root))
        {
            return $"no Synapse root at {root}: run {SynapseRootLocation.BuildScript} (as root) to build it";
        }

        if (Environment.UserName != "root")
        {
            return "the Synapse root is run with chroot, which needs root";
        }

        if (!File.Exists("/usr/bin/redis-server"))
        {
            return "no redis-server (Debian: redis-server)";
        }

        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return "no PostgreSQL server (Debian: postgresql)";
        }

        var busy = new[] { LabPorts.Synapse, LabPorts.AuthService, LabPorts.PostgresHost, LabPorts.RedisHost, LabPorts.LiveKitHttp }
            .Where(LeftBehind.Listening).ToList();
        return busy.Count > 0 ? $"the lab's ports {string.Join(", ", busy)} are in use (is a lab running?)" : null;
    }
}
