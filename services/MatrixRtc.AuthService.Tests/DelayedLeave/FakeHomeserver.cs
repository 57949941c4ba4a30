using MatrixRtc.AuthService.Tests.Fakes;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>One MSC4140 request as the homeserver received it, with the path exactly as sent.</summary>
internal sealed record HomeserverRequest(
    string Method, string RawTarget, string DelayId, string Action, string? ContentType, bool HasAuthorization, string Body);

/// <summary>What the fake answers; <see cref="Delay"/> holds the answer back.</summary>
internal sealed record HomeserverResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static readonly HomeserverResponse Ok = new(200, "{}");
}

/// <summary>
/// A homeserver's MSC4140 delayed-events API over real HTTP on 127.0.0.1 (Kestrel, port 0): records
/// every request and answers as the test scripts it (200 <c>{}</c> by default).
/// </summary>
internal sealed class FakeHomeserver : IAsyncDisposable
{
    private const string Prefix = "/_matrix/client/unstable/org.matrix.msc4140/delayed_events/";

    private readonly ConcurrentQueue<HomeserverRequest> requests = new();
    private LoopbackHttpServer server = null!;

    /// <summary>Decides the answer; return null for the default 200.</summary>
    public Func<HomeserverRequest, HomeserverResponse?> Respond { get; set; } = _ => null;

    public Uri BaseUrl => server.BaseUrl;

    public IReadOnlyList<HomeserverRequest> Requests => [.. requests];

    public IReadOnlyList<HomeserverRequest> RequestsFor(string delayId, string action) =>
        [.. requests.Where(r => r.DelayId == delayId && r.Action == action)];

    public static async Task<FakeHomeserver> StartAsync()
    {
        var homeserver = new FakeHomeserver();
        homeserver.server = await LoopbackHttpServer.StartAsync(app => app.Run(homeserver.HandleAsync));
        return homeserver;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = rawTarget.Split('?')[0];
        var (delayId, action) = ("", "");
        var start = path.IndexOf(Prefix, StringComparison.Ordinal);
        if (start >= 0)
        {
            var rest = path[(start + Prefix.Length)..];
            var slash = rest.LastIndexOf('/');
            (delayId, action) = slash < 0 ? (Uri.UnescapeDataString(rest), "") : (Uri.UnescapeDataString(rest[..slash]), rest[(slash + 1)..]);
        }

        var request = new HomeserverRequest(
            context.Request.Method, rawTarget, delayId, action, context.Request.ContentType,
            context.Request.Headers.ContainsKey("Authorization"), body);
        requests.Enqueue(request);

        var response = Respond(request) ?? HomeserverResponse.Ok;
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
