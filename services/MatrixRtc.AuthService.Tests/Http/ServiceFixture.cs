using System.Net;
using System.Text.Json;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>A fresh fake homeserver (full-access), fake SFU and service for each test.</summary>
public abstract class ServiceFixture : IAsyncLifetime
{
    protected FakeMatrixHomeserver Homeserver { get; private set; } = null!;
    protected FakeSfu Sfu { get; private set; } = null!;
    protected AuthServiceUnderTest Service { get; private set; } = null!;

    /// <summary>Extra or overriding environment for the service.</summary>
    protected virtual (string Key, string Value)[] ExtraEnvironment => [];

    /// <summary>Who is full-access; the homeserver by default.</summary>
    protected virtual string FullAccess(FakeMatrixHomeserver homeserver) => homeserver.ServerName;

    public virtual async ValueTask InitializeAsync()
    {
        Homeserver = await FakeMatrixHomeserver.StartAsync();
        Sfu = await FakeSfu.StartAsync(TestKeys.Key, TestKeys.Secret);
        Service = await AuthServiceUnderTest.StartAsync(AuthServiceUnderTest.Environment(Sfu, FullAccess(Homeserver), ExtraEnvironment));
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Sfu.DisposeAsync();
        await Homeserver.DisposeAsync();
    }

    protected string ValidGetToken(string localpart = "alice", string? delayId = null, long? delayTimeout = null) =>
        TokenRequestBodies.GetToken(Homeserver.ServerName, Homeserver.IssueOpenIdToken(localpart), Homeserver.UserId(localpart),
            delayId: delayId, delayTimeout: delayTimeout);

    protected static async Task AssertMatrixErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errcode, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(errcode, json.RootElement.GetProperty("errcode").GetString());
        if (message is not null)
        {
            Assert.Equal(message, json.RootElement.GetProperty("error").GetString());
        }

        Assert.Equal(2, json.RootElement.EnumerateObject().Count());
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
    }
}
