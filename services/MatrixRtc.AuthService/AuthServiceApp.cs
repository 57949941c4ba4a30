using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.Http;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Net;
using MatrixRtc.AuthService.Telemetry;
using MatrixRtcLab.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MatrixRtc.AuthService;

/// <summary>Composes the service from its settings; Program runs it, tests host it on loopback.</summary>
public static class AuthServiceApp
{
    public static WebApplication Create(AuthServiceSettings settings, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "matrixrtc-auth-service" });
        ConfigureLogging(builder.Logging, settings.LogLevel);
        builder.AddServiceDefaults(new ServiceDefaultsOptions
        {
            Meters = [AuthServiceMetrics.MeterName],
            UntracedPaths = [AuthServiceEndpoints.Healthz], // the lab's health probe, every few seconds
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AuthServiceEndpoints.MaxWebhookBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
            if (settings.Bind.Host is null)
            {
                kestrel.ListenAnyIP(settings.Bind.Port); // dual-stack, or IPv4 where the kernel has no IPv6 (Go's ":port")
                return;
            }

            foreach (var address in settings.Bind.ResolveListenAddresses())
            {
                kestrel.Listen(address, settings.Bind.Port);
            }
        });
        // Only LIVEKIT_JWT_BIND decides where we listen, as upstream. ASP.NET Core's own variables (the aspnet
        // base image sets ASPNETCORE_HTTP_PORTS=8080) would be overridden anyway, with a warning in the log.
        // An empty value would fall back to those variables; ";" is a URL list with no entries.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, ";");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(10));
        AddServices(builder.Services, settings);
        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthServiceEndpoints();
        app.UseRouting();
        app.MapDefaultEndpoints();
        app.UseEndpoints(_ => { });
        app.UseGoStyleNotFound();
        return app;
    }

    public static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            console.ColorBehavior = LoggerColorBehavior.Default;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(level);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Any enabled level here makes ASP.NET Core start an Activity and a log scope for every request,
        // which costs more than a token (docs/performance.md); it only logs request lines and startup
        // failures, which reach the console anyway. With tracing on, the Activity still exists for OTel.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }

    private static void AddServices(IServiceCollection services, AuthServiceSettings settings)
    {
        var credentials = new LiveKitCredentials(settings.LiveKitKey, settings.LiveKitSecret);
        var connector = new OutboundConnector(
            settings.BlockPrivateAddresses,
            OutboundConnector.TrustedTargetsOf(settings.FederationUrlOverrides.Values, settings.ClientServerApiUrlOverrides.Values));
        services.AddSingleton(settings);
        services.AddSingleton(credentials);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuthServiceMetrics>();
        services.AddSingleton<LiveKitTokenIssuer>();
        services.AddSingleton<WebhookVerifier>();
        services.TryAddSingleton<ISrvResolver>(_ => DnsSrvResolver.FromSystemConfiguration());
        services.AddSingleton<FederationServerResolver>();
        services.AddSingleton<OpenIdVerifier>();
        services.AddSingleton<IClientServerApiResolver, ClientServerApiResolver>();
        services.AddSingleton<TokenService>();

        // No client timeout: OpenIdVerifier gives each userinfo request one 30 s budget for headers and body.
        services.AddHttpClient(OpenIdVerifier.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers() // per-request log scopes cost more than the lookup itself; failures are logged by OpenIdVerifier
            .ConfigurePrimaryHttpMessageHandler(() => connector.CreateHandler(settings.SkipVerifyTls, followRedirects: false));
        services.AddHttpClient(FederationServerResolver.WellKnownHttpClient, http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => connector.CreateHandler(settings.SkipVerifyTls, followRedirects: true));
        services.AddSingleton<ILiveKitRoomService, LiveKitRoomService>();
        services.AddHttpClient(LiveKitRoomService.HttpClientName, http => http.BaseAddress = new Uri(settings.LiveKitApiUrl.TrimEnd('/') + "/"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = OutboundConnector.ConnectTimeout,
                SslOptions = settings.SkipVerifyTls
                    ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true }
                    : new System.Net.Security.SslClientAuthenticationOptions(),
            });

        services.AddDelayedLeave(new DelayedLeaveOptions { SanityCheckInterval = settings.SanityCheckInterval }, settings.RedisUrl);
        // The delayed-event calls go to URLs discovered from user-supplied server names: same guard and TLS rules.
        services.AddHttpClient(DelayedEventClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => connector.CreateHandler(settings.SkipVerifyTls, followRedirects: true));
    }
}
