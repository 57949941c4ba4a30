namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>Hands out one plain HttpClient under every name (the production factory adds nothing the tests need).</summary>
internal sealed class TestHttpClientFactory(Uri? baseAddress = null) : IHttpClientFactory, IDisposable
{
    private readonly HttpClient client = new() { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = baseAddress };

    public string? LastName { get; private set; }

    public HttpClient CreateClient(string name)
    {
        LastName = name;
        return client;
    }

    public void Dispose() => client.Dispose();
}
