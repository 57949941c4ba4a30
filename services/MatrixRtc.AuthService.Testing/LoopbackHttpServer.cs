using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Testing;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, for fakes that speak real wire protocols.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackHttpServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>host:port, as a Matrix server name for an IP literal.</summary>
    public string Authority => BaseUrl.Authority;

    public static async Task<LoopbackHttpServer> StartAsync(Action<WebApplication> map, Action<KestrelListenOptions>? https = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (https is not null)
            {
                https(new KestrelListenOptions(listen));
            }
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHttpServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        // A short deadline: Kestrel then aborts idle keep-alive connections instead of waiting for them.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await app.StopAsync(deadline.Token);
        await app.DisposeAsync();
    }
}
