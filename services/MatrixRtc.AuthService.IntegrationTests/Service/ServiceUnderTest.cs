using System.Text;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.DelayedLeave;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.IntegrationTests.Service;

/// <summary>
/// The real auth service, composed as Program composes it from lk-jwt-service's environment
/// variables, listening on loopback; requests go over real HTTP.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServiceUnderTest(WebApplication app, Uri baseUrl, LogCapture logs)
    {
        this.app = app;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public LogCapture Logs { get; }

    /// <summary>The delegated-leave jobs the service is running.</summary>
    public LeaveJobRegistry Jobs => app.Services.GetRequiredService<LeaveJobRegistry>();

    public static async Task<ServiceUnderTest> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var settings = new AuthServiceSettingsReader(environment.GetValueOrDefault, File.ReadAllText).Read();
        var logs = new LogCapture();
        var app = AuthServiceApp.Create(settings, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceUnderTest(app, new Uri(address), logs);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, CancellationToken cancellationToken) =>
        Http.PostAsync(path.TrimStart('/'), new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Stops the service as a restart would: running jobs are dropped, nothing is sent.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(deadline.Token);
        await app.DisposeAsync();
    }
}
