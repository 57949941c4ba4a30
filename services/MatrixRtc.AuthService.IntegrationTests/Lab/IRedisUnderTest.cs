namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>The real Redis the service keeps its delegated-leave jobs in: a container or a local redis-server.</summary>
public interface IRedisUnderTest : IAsyncDisposable
{
    /// <summary>LIVEKIT_REDIS_URL for database <paramref name="database"/>, as the test host reaches it.</summary>
    string Url(int database);
}
