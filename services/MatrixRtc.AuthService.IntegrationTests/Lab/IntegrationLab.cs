using DotNet.Testcontainers.Configurations;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.IntegrationTests.LiveKit;
using MatrixRtc.AuthService.IntegrationTests.Matrix;
using MatrixRtc.AuthService.IntegrationTests.Service;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>
/// One real Synapse, LiveKit SFU and Redis for the whole collection, plus the host port the
/// service under test listens on when it must receive LiveKit's webhooks. When Docker is missing
/// nothing starts and every test skips with <see cref="SkipReason"/>.
/// </summary>
public sealed class ContainerLab : IAsyncLifetime
{
    private SynapseContainer? synapse;
    private LiveKitContainer? liveKit;
    private RedisContainer? redis;

    public string? SkipReason { get; private set; }

    /// <summary>The loopback port LiveKit's webhooks are forwarded to (host.testcontainers.internal).</summary>
    public ushort WebhookPort { get; private set; }

    public SynapseContainer Synapse => synapse ?? throw new InvalidOperationException(SkipReason ?? "Synapse is not running");

    public LiveKitContainer LiveKit => liveKit ?? throw new InvalidOperationException(SkipReason ?? "LiveKit is not running");

    public RedisContainer Redis => redis ?? throw new InvalidOperationException(SkipReason ?? "Redis is not running");

    public async ValueTask InitializeAsync()
    {
        SkipReason = DockerAvailability.MissingReason();
        if (SkipReason is not null)
        {
            return;
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        WebhookPort = FreeTcpPort.Pick();
        // Must happen before any container is configured: builders created afterwards get the
        // host.testcontainers.internal entry that reaches this port through an SSH tunnel.
        await TestcontainersSettings.ExposeHostPortsAsync(WebhookPort, cancellationToken);
        var webhookUrl = new Uri($"http://host.testcontainers.internal:{WebhookPort}/sfu_webhook");

        var starting = (
            Synapse: SynapseContainer.StartAsync(cancellationToken),
            LiveKit: LiveKitContainer.StartAsync(webhookUrl, cancellationToken),
            Redis: RedisContainer.StartAsync(cancellationToken));
        try
        {
            await Task.WhenAll(starting.Synapse, starting.LiveKit, starting.Redis);
        }
        finally
        {
            synapse = starting.Synapse.IsCompletedSuccessfully ? starting.Synapse.Result : null;
            liveKit = starting.LiveKit.IsCompletedSuccessfully ? starting.LiveKit.Result : null;
            redis = starting.Redis.IsCompletedSuccessfully ? starting.Redis.Result : null;
        }
    }

    /// <summary>Skips the calling test when Docker is not available.</summary>
    public void SkipIfUnavailable()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public SynapseClient Matrix() => new(Synapse.BaseUrl, Synapse.RegistrationSharedSecret);

    public LiveKitServerApi LiveKitApi() => new(LiveKit.HttpUrl, LiveKit.Credentials);

    /// <summary>
    /// lk-jwt-service's environment for the real containers: Synapse reached over plain HTTP through our
    /// LIVEKIT_FEDERATION_URL_OVERRIDES (OpenID) and LIVEKIT_CS_API_URL_OVERRIDES (delayed events).
    /// </summary>
    /// <param name="fullAccess">LIVEKIT_FULL_ACCESS_HOMESERVERS.</param>
    /// <param name="receiveWebhooks">Listen on <see cref="WebhookPort"/> (one such service at a time), else on a free port.</param>
    /// <param name="redisDatabase">Persist jobs in this Redis database; null for no store.</param>
    public Dictionary<string, string> ServiceEnvironment(string fullAccess, bool receiveWebhooks, int? redisDatabase = null)
    {
        var synapseUrl = Synapse.BaseUrl.GetLeftPart(UriPartial.Authority);
        var environment = new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = LiveKit.WebSocketUrl.GetLeftPart(UriPartial.Authority),
            ["LIVEKIT_KEY"] = LiveKit.Credentials.Key,
            ["LIVEKIT_SECRET"] = LiveKit.Credentials.Secret,
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = fullAccess,
            ["LIVEKIT_JWT_BIND"] = receiveWebhooks ? $"127.0.0.1:{WebhookPort}" : "127.0.0.1:0",
            ["LIVEKIT_INSECURE_SKIP_VERIFY_TLS"] = AuthServiceSettingsReader.SkipVerifyTlsMagic,
            ["LIVEKIT_FEDERATION_URL_OVERRIDES"] = $"{SynapseContainer.ServerName}={synapseUrl}",
            ["LIVEKIT_CS_API_URL_OVERRIDES"] = $"{SynapseContainer.ServerName}={synapseUrl}",
            ["LIVEKIT_LOG_LEVEL"] = "debug",
        };
        if (redisDatabase is { } database)
        {
            environment["LIVEKIT_REDIS_URL"] = Redis.Url(database);
        }

        return environment;
    }

    public Task<ServiceUnderTest> StartServiceAsync(string fullAccess, bool receiveWebhooks, int? redisDatabase = null) =>
        ServiceUnderTest.StartAsync(ServiceEnvironment(fullAccess, receiveWebhooks, redisDatabase), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (synapse is not null)
        {
            await synapse.DisposeAsync();
        }

        if (liveKit is not null)
        {
            await liveKit.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }
}
