using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests.Local;

/// <summary>
/// A real redis-server as a local process on a free loopback port, working in a temporary folder of
/// its own (no persistence); stopped with SIGTERM (then killed), and the folder removed, on dispose.
/// </summary>
public sealed class LocalRedis : IRedisUnderTest
{
    private readonly RedisServerProcess server;
    private readonly string folder;

    private LocalRedis(RedisServerProcess server, string folder)
    {
        this.server = server;
        this.folder = folder;
    }

    /// <summary>Why there is no local Redis, or null when redis-server is installed.</summary>
    public static string? MissingReason => RedisServerProcess.Executable is null ? RedisServerProcess.NotInstalled : null;

    public string Url(int database) => $"{server.Url}/{database}";

    public static async Task<LocalRedis> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("matrixrtc-integration-redis-").FullName;
        try
        {
            return new LocalRedis(await RedisServerProcess.StartAsync("--dir", folder), folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
