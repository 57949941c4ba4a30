using MatrixRtc.AuthService;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.DelayedLeave;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

if (args is ["--healthcheck"])
{
    return await Healthcheck.RunAsync(Environment.GetEnvironmentVariable, Console.Out, CancellationToken.None);
}

AuthServiceSettings settings;
using (var bootLoggers = LoggerFactory.Create(logging => AuthServiceApp.ConfigureLogging(logging, LogLevel.Information)))
{
    var boot = bootLoggers.CreateLogger("MatrixRtc.AuthService");
    try
    {
        settings = AuthServiceSettingsReader.FromProcess().Read();
    }
    catch (ConfigurationException e)
    {
        boot.LogCritical("{Message}", e.Message);
        return 1;
    }
}

WebApplication app;
try
{
    app = AuthServiceApp.Create(settings);
}
catch (ConfigurationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MatrixRtc.AuthService");
foreach (var warning in settings.Warnings)
{
    log.LogWarning("{Warning}", warning);
}

if (settings.SkipVerifyTls)
{
    log.LogWarning("!!! LIVEKIT_INSECURE_SKIP_VERIFY_TLS is set: TLS certificates of homeservers and the SFU are NOT verified. Never use this in production. !!!");
}

log.LogInformation("Using LiveKit API key and secret from {KeySource}", settings.KeySource);

log.LogInformation(
    "Starting service: LIVEKIT_URL={LiveKitUrl} LIVEKIT_JWT_BIND={Bind} LIVEKIT_FULL_ACCESS_HOMESERVERS={FullAccess} SkipVerifyTLS={SkipVerifyTls} SanityCheckInterval={Interval}",
    settings.LiveKitUrl, settings.Bind, string.Join(",", settings.FullAccessHomeservers), settings.SkipVerifyTls,
    settings.SanityCheckInterval > TimeSpan.Zero ? settings.SanityCheckInterval : "disabled");

try
{
    await app.RunAsync();
    return 0;
}
catch (LeaveJobStoreUnavailableException e)
{
    log.LogCritical("Could not connect Redis store: {Message}", e.Message);
    return 1;
}
catch (IOException e)
{
    log.LogCritical("Cannot listen on LIVEKIT_JWT_BIND={Bind}: {Message}", settings.Bind, e.Message);
    return 1;
}
