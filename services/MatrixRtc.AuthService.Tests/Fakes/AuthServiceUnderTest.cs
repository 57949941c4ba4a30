using System.Net.Http.Headers;
using System.Text;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.Matrix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// The real service, composed exactly as Program does from an environment, listening on
/// 127.0.0.1 and a free port; requests go over real HTTP.
/// </summary>
public sealed class AuthServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private AuthServiceUnderTest(WebApplication app, Uri baseUrl, CapturingLoggerProvider logs)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>LIVEKIT_* for a fake SFU and full access for <paramref name="fullAccess"/>; <paramref name="extra"/> adds or overrides.</summary>
    public static Dictionary<string, string> Environment(FakeSfu sfu, string fullAccess, params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = sfu.WsUrl,
            ["LIVEKIT_KEY"] = TestKeys.Key,
            ["LIVEKIT_SECRET"] = TestKeys.Secret,
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = fullAccess,
            ["LIVEKIT_JWT_BIND"] = "127.0.0.1:0",
            ["LIVEKIT_INSECURE_SKIP_VERIFY_TLS"] = AuthServiceSettingsReader.SkipVerifyTlsMagic,
            ["LIVEKIT_LOG_LEVEL"] = "debug",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

    public static async Task<AuthServiceUnderTest> StartAsync(IReadOnlyDictionary<string, string> environment, Action<WebApplicationBuilder>? customize = null)
    {
        var settings = new AuthServiceSettingsReader(environment.GetValueOrDefault, File.ReadAllText).Read();
        var logs = new CapturingLoggerProvider();
        var app = AuthServiceApp.Create(settings, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            // Tests never query the machine's DNS; a test that needs SRV records brings a FakeDnsServer.
            builder.Services.AddSingleton<ISrvResolver>(new DnsSrvResolver([], TimeSpan.FromSeconds(1)));
            customize?.Invoke(builder);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AuthServiceUnderTest(app, new Uri(address), logs);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body) =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")), TestContext.Current.CancellationToken);

    /// <summary>
    /// Posts a LiveKit participant webhook (signed with the test keys unless <paramref name="signed"/> is false)
    /// and checks the documented answer: always an empty 200.
    /// </summary>
    public async Task SendWebhookAsync(string type, string room, string identity, string? reason = null, bool signed = true, string secret = TestKeys.Secret)
    {
        var participant = new Dictionary<string, string> { ["identity"] = identity };
        if (reason is not null)
        {
            participant["disconnectReason"] = reason;
        }

        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["event"] = type,
            ["room"] = new Dictionary<string, string> { ["name"] = room },
            ["participant"] = participant,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sfu_webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/webhook+json");
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", WebhookSigner.Sign(body, TestKeys.Key, secret));
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(deadline.Token);
        await app.DisposeAsync();
    }
}
