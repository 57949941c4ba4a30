namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Hands out plain HttpClients (the production factory adds nothing the tests need).</summary>
internal sealed class TestHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly HttpClient client = new() { Timeout = Timeout.InfiniteTimeSpan };

    public string? LastName { get; private set; }

    public HttpClient CreateClient(string name)
    {
        LastName = name;
        return client;
    }

    public void Dispose() => client.Dispose();
}
