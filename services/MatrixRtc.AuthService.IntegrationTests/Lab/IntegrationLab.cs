using DotNet.Testcontainers.Configurations;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.IntegrationTests.Containers;
using MatrixRtc.AuthService.IntegrationTests.LiveKit;
using MatrixRtc.AuthService.IntegrationTests.Local;
using MatrixRtc.AuthService.IntegrationTests.Matrix;
using MatrixRtc.AuthService.IntegrationTests.Service;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>
/// The real servers for the whole collection, chosen once per run: where Docker answers, Synapse,
/// LiveKit and Redis containers; elsewhere a local Synapse (from the Synapse root), a local
/// redis-server and the <see cref="TestSfu"/>, each where this machine has it. A test names what it
/// needs (<see cref="Require"/>) and skips, with what is missing, when this machine cannot provide it.
/// Also the port the service under test listens on when it must receive the SFU's webhooks.
/// </summary>
public sealed class IntegrationLab : IAsyncLifetime
{
    private readonly Dictionary<LabServers, string> missing = [];
    private ISynapseUnderTest? synapse;
    private IRedisUnderTest? redis;
    private ISfuUnderTest? sfu;

    /// <summary>What runs the servers in this run, for messages: "containers" or "local processes".</summary>
    public string Backend { get; private set; } = "";

    /// <summary>The loopback port the SFU's webhooks reach (through host.testcontainers.internal for the container).</summary>
    public ushort WebhookPort { get; private set; }

    public ISynapseUnderTest Synapse => synapse ?? throw Missing(LabServers.Synapse);

    public IRedisUnderTest Redis => redis ?? throw Missing(LabServers.Redis);

    /// <summary>The real LiveKit or the test SFU.</summary>
    public ISfuUnderTest Sfu => sfu ?? throw new InvalidOperationException("no SFU is running");

    /// <summary>The real LiveKit, for the tests that need it (<see cref="LabServers.RealLiveKit"/>).</summary>
    public LiveKitContainer LiveKit => sfu as LiveKitContainer ?? throw Missing(LabServers.RealLiveKit);

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        WebhookPort = FreeTcpPort.Pick();
        if (DockerAvailability.MissingReason() is not { } noDocker)
        {
            Backend = "containers";
            await StartContainersAsync(cancellationToken);
        }
        else
        {
            Backend = "local processes";
            await StartLocalServersAsync(noDocker, cancellationToken);
        }
    }

    /// <summary>Skips the calling test unless every server in <paramref name="needed"/> runs in this lab.</summary>
    public void Require(LabServers needed)
    {
        var reasons = missing.Where(m => needed.HasFlag(m.Key)).Select(m => m.Value).ToList();
        if (reasons.Count > 0)
        {
            Assert.Skip(string.Join("; ", reasons));
        }
    }

    public SynapseClient Matrix() => new(Synapse.BaseUrl, Synapse.RegistrationSharedSecret);

    public LiveKitServerApi LiveKitApi() => new(LiveKit.HttpUrl, LiveKit.Credentials);

    /// <summary>
    /// lk-jwt-service's environment for the servers under test: Synapse reached over plain HTTP through our
    /// LIVEKIT_FEDERATION_URL_OVERRIDES (OpenID; also for <see cref="ServerNames.Impostor"/>) and
    /// LIVEKIT_CS_API_URL_OVERRIDES (delayed events).
    /// </summary>
    /// <param name="fullAccess">LIVEKIT_FULL_ACCESS_HOMESERVERS.</param>
    /// <param name="receiveWebhooks">Listen on <see cref="WebhookPort"/> (one such service at a time), else on a free port.</param>
    /// <param name="redisDatabase">Persist jobs in this Redis database; null for no store.</param>
    public Dictionary<string, string> ServiceEnvironment(string fullAccess, bool receiveWebhooks, int? redisDatabase = null)
    {
        var synapseUrl = Synapse.BaseUrl.GetLeftPart(UriPartial.Authority);
        var environment = new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = Sfu.WebSocketUrl.GetLeftPart(UriPartial.Authority),
            ["LIVEKIT_KEY"] = Sfu.Credentials.Key,
            ["LIVEKIT_SECRET"] = Sfu.Credentials.Secret,
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = fullAccess,
            ["LIVEKIT_JWT_BIND"] = receiveWebhooks ? $"127.0.0.1:{WebhookPort}" : "127.0.0.1:0",
            ["LIVEKIT_INSECURE_SKIP_VERIFY_TLS"] = AuthServiceSettingsReader.SkipVerifyTlsMagic,
            ["LIVEKIT_FEDERATION_URL_OVERRIDES"] = $"{ServerNames.Synapse}={synapseUrl},{ServerNames.Impostor}={synapseUrl}",
            ["LIVEKIT_CS_API_URL_OVERRIDES"] = $"{ServerNames.Synapse}={synapseUrl}",
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
        foreach (var server in new IAsyncDisposable?[] { synapse, sfu, redis })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private async Task StartContainersAsync(CancellationToken cancellationToken)
    {
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
            sfu = starting.LiveKit.IsCompletedSuccessfully ? starting.LiveKit.Result : null;
            redis = starting.Redis.IsCompletedSuccessfully ? starting.Redis.Result : null;
        }
    }

    /// <summary>Without Docker: what this machine has. A server that is there but fails to start fails the run.</summary>
    private async Task StartLocalServersAsync(string noDocker, CancellationToken cancellationToken)
    {
        missing[LabServers.RealLiveKit] =
            $"needs the real LiveKit SFU (signalling join, /rtc/validate, room listing), which runs here only as a container: {noDocker}";
        var time = TimeProvider.System;
        sfu = await TestSfu.StartAsync(new Uri($"http://127.0.0.1:{WebhookPort}/sfu_webhook"), time);

        var installation = SynapseRootInstallation.Find(Environment.GetEnvironmentVariable, AppContext.BaseDirectory, out var noSynapseRoot);
        if (noSynapseRoot is not null)
        {
            missing[LabServers.Synapse] = $"{noDocker} and {noSynapseRoot}";
        }

        if (LocalRedis.MissingReason is { } noRedis)
        {
            missing[LabServers.Redis] = $"{noDocker} and {noRedis}";
        }

        var startingSynapse = installation is null ? null : LocalSynapse.StartAsync(installation, time, cancellationToken);
        var startingRedis = missing.ContainsKey(LabServers.Redis) ? null : LocalRedis.StartAsync();
        try
        {
            await Task.WhenAll(new Task?[] { startingSynapse, startingRedis }.OfType<Task>());
        }
        finally
        {
            synapse = startingSynapse is { IsCompletedSuccessfully: true } ? startingSynapse.Result : null;
            redis = startingRedis is { IsCompletedSuccessfully: true } ? startingRedis.Result : null;
        }
    }

    private InvalidOperationException Missing(LabServers server) =>
        new(missing.GetValueOrDefault(server) ?? $"{server} is not running ({Backend})");
}
