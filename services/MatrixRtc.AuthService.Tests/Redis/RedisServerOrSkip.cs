using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.Tests.Redis;

/// <summary>Starts a real redis-server for a test, or skips the test on a machine without one.</summary>
internal static class RedisServerOrSkip
{
    public static Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        if (RedisServerProcess.Executable is null)
        {
            Assert.Skip(RedisServerProcess.NotInstalled);
        }

        return RedisServerProcess.StartAsync(extraArguments);
    }
}
