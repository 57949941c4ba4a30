using MatrixRtc.AuthService.Matrix;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Resolves every server name to one base URL, or to nothing.</summary>
internal sealed class FakeClientServerApiResolver(Uri? baseUrl) : IClientServerApiResolver
{
    private int calls;

    public Uri? BaseUrl { get; set; } = baseUrl;

    public int Calls => Volatile.Read(ref calls);

    public Task<Uri?> ResolveAsync(string serverName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Task.FromResult(BaseUrl);
    }
}
