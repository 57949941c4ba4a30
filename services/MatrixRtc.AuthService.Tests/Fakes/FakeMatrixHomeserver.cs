using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// A homeserver as the auth service sees it, over real HTTP(S) on 127.0.0.1: the federation OpenID
/// userinfo endpoint, <c>.well-known/matrix/client</c>, and the MSC4140 delayed-event actions. Its
/// server name is its IP literal with port, so federation discovery connects to it directly (HTTPS
/// with a self-signed certificate, as upstream's black-box suite does).
/// </summary>
public sealed class FakeMatrixHomeserver : IAsyncDisposable
{
    private const string DelayedEventsPrefix = "/_matrix/client/unstable/org.matrix.msc4140/delayed_events/";
    private readonly ConcurrentDictionary<string, string> openIdTokens = new();
    private LoopbackHttpServer server = null!;

    public sealed record Request(string Method, string RawTarget, string? Host, bool HasAuthorization, string Body, string Protocol = "");

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string ServerName => server.Authority;

    public Uri BaseUrl => server.BaseUrl;

    /// <summary>When set, userinfo answers this <c>sub</c> whatever the token.</summary>
    public string? SubOverride { get; set; }

    /// <summary>When false, <c>.well-known/matrix/client</c> is a 404.</summary>
    public bool ServesClientWellKnown { get; set; } = true;

    /// <summary>Status for MSC4140 actions (200 by default).</summary>
    public Func<string, string, int> DelayedEventStatus { get; set; } = (_, _) => 200;

    public static async Task<FakeMatrixHomeserver> StartAsync(bool tls = true)
    {
        var homeserver = new FakeMatrixHomeserver();
        var certificate = tls ? SelfSignedCertificate.ForLoopback() : null;
        homeserver.server = await LoopbackHttpServer.StartAsync(
            app => app.Run(homeserver.HandleAsync),
            certificate is null ? null : listen => listen.UseHttps(certificate));
        return homeserver;
    }

    /// <summary>An OpenID access token for <c>@localpart:&lt;server name&gt;</c>.</summary>
    public string IssueOpenIdToken(string localpart)
    {
        var token = "openid_" + Guid.NewGuid().ToString("N");
        openIdTokens[token] = $"@{localpart}:{ServerName}";
        return token;
    }

    public string UserId(string localpart) => $"@{localpart}:{ServerName}";

    public IReadOnlyList<Request> UserInfoRequests => [.. Requests.Where(r => r.RawTarget.StartsWith("/_matrix/federation/v1/openid/userinfo", StringComparison.Ordinal))];

    public IReadOnlyList<Request> DelayedEventRequests(string delayId, string action) =>
        [.. Requests.Where(r => r.RawTarget == $"{DelayedEventsPrefix}{Uri.EscapeDataString(delayId)}/{action}")];

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Requests.Enqueue(new Request(context.Request.Method, rawTarget, context.Request.Headers.Host, context.Request.Headers.ContainsKey("Authorization"), body, context.Request.Protocol));
        var path = context.Request.Path.Value ?? "";

        if (path == "/_matrix/federation/v1/openid/userinfo" && HttpMethods.IsGet(context.Request.Method))
        {
            var token = context.Request.Query["access_token"].ToString();
            if (openIdTokens.TryGetValue(token, out var userId))
            {
                await context.Response.WriteAsJsonAsync(new { sub = SubOverride ?? userId });
            }
            else
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { errcode = "M_UNKNOWN_TOKEN", error = "Access token unknown or expired" });
            }

            return;
        }

        if (path == "/.well-known/matrix/client" && ServesClientWellKnown)
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["m.homeserver"] = new { base_url = BaseUrl.ToString().TrimEnd('/') } });
            return;
        }

        if (rawTarget.StartsWith(DelayedEventsPrefix, StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method))
        {
            var rest = rawTarget[DelayedEventsPrefix.Length..];
            var slash = rest.LastIndexOf('/');
            context.Response.StatusCode = slash < 0 ? 404 : DelayedEventStatus(Uri.UnescapeDataString(rest[..slash]), rest[(slash + 1)..]);
            await context.Response.WriteAsJsonAsync(new { });
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsJsonAsync(new { errcode = "M_UNRECOGNIZED", error = "Unrecognized request" });
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
