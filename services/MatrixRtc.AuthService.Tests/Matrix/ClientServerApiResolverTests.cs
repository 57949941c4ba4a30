using System.Collections.Concurrent;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MatrixRtc.AuthService.Tests.Matrix;

/// <summary>Client-server API discovery and its 4-hour cache, against a real HTTPS well-known server.</summary>
public sealed class ClientServerApiResolverTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> requests = new();
    private readonly FakeTimeProvider time = new();
    private LoopbackHttpServer wellKnown = null!;

    public async ValueTask InitializeAsync() =>
        wellKnown = await LoopbackHttpServer.StartAsync(
            app => app.MapGet("/.well-known/matrix/client", (HttpContext context) =>
            {
                requests.Enqueue(context.Request.Host.Host);
                return Results.Json(new Dictionary<string, object> { ["m.homeserver"] = new { base_url = $"https://{context.Request.Host.Host}.example" } });
            }),
            listen => listen.UseHttps(SelfSignedCertificate.ForLoopback()));

    public async ValueTask DisposeAsync() => await wellKnown.DisposeAsync();

    private ClientServerApiResolver Resolver(int maxCachedServers = ClientServerApiResolver.DefaultMaxCachedServers) => new(
        new LoopbackOnlyHttpClientFactory(wellKnown.BaseUrl.Port),
        new AuthServiceSettings
        {
            LiveKitUrl = "ws://x", LiveKitKey = "k", LiveKitSecret = "s", KeySource = "test",
            FullAccessHomeservers = ["a.test"], Bind = new BindAddress(null, 0),
        },
        time,
        NullLogger<ClientServerApiResolver>.Instance,
        maxCachedServers);

    private int RequestsFor(string host) => requests.Count(h => h == host);

    [Fact]
    public async Task Base_url_is_cached_for_four_hours()
    {
        var resolver = Resolver();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(new Uri("https://a.test.example"), await resolver.ResolveAsync("a.test", ct));
        await resolver.ResolveAsync("a.test", ct);
        Assert.Equal(1, RequestsFor("a.test"));

        time.Advance(TimeSpan.FromHours(4));
        await resolver.ResolveAsync("a.test", ct);
        Assert.Equal(2, RequestsFor("a.test"));
    }

    [Fact]
    public async Task A_full_cache_makes_room_by_dropping_expired_entries()
    {
        var resolver = Resolver(maxCachedServers: 2);
        var ct = TestContext.Current.CancellationToken;
        await resolver.ResolveAsync("a.test", ct);
        await resolver.ResolveAsync("b.test", ct);
        time.Advance(TimeSpan.FromHours(5));

        await resolver.ResolveAsync("c.test", ct);
        await resolver.ResolveAsync("c.test", ct);

        Assert.Equal(1, RequestsFor("c.test"));
    }
}
