using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>A Kestrel server on 127.0.0.1 with a free port that records every request it receives.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary><c>127.0.0.1:port</c>, usable as a Matrix server name.</summary>
    public string Authority => BaseUrl.Authority;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.FirstOrDefault(),
                body));
            if (server.Overrides.TryGetValue($"{context.Request.Method} {context.Request.Path.Value}", out var answer))
            {
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/json";
                context.Response.Headers.AccessControlAllowOrigin = "*";
                await context.Response.WriteAsync(answer.Body, context.RequestAborted);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in a fake must be visible in the test output, not just as a bare 500.
                server.Failures.Enqueue(e);
                TestContext.Current.SendDiagnosticMessage($"fake server {context.Request.Method} {context.Request.Path}: {e}");
                throw;
            }
        });
        map(app);
        await app.StartAsync();
        server = new LoopbackServer(app, new Uri(app.Urls.First() + "/"));
        return server;
    }

    /// <summary>Raw answers served instead of the fake's own, keyed by <c>"METHOD /path"</c> (for malformed documents).</summary>
    public ConcurrentDictionary<string, (int Status, string Body)> Overrides { get; } = new();

    /// <summary>Exceptions thrown by the fake's own handlers.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public IReadOnlyList<RecordedRequest> Writes => [.. Requests.Where(r => r.IsWrite)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
