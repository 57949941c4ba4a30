namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>Hands out one pre-configured client under every name (the client is owned by the test).</summary>
public sealed class SingleHttpClientFactory(HttpClient client) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => client;
}
