using MatrixRtcLab.AppHost.Startup;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>What starting the lab with local processes needs on this machine; <see cref="Missing"/> says what is not there.</summary>
public static class LocalLabPrerequisites
{
    public static string? Missing()
    {
        var root = Environment.GetEnvironmentVariable(LabMachineProbe.SynapseRootVariable) is { Length: > 0 } configured
            ? configured
            : LabMachineProbe.DefaultSynapseRoot;
        if (!File.Exists(Path.Combine(root, LabMachineProbe.SynapseRootStamp)))
        {
            return $"no Synapse root at {root}: run AppHost/LocalRuntime/synapse-root.sh (as root) to build it";
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
