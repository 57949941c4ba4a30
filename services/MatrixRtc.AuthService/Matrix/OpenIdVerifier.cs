using System.Net.Http.Headers;
using System.Text.Json;
using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.Net;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// Validates an OpenID access token with the homeserver that issued it, over the federation API
/// (<c>GET /_matrix/federation/v1/openid/userinfo</c>), and returns the Matrix user it belongs to.
/// LIVEKIT_FEDERATION_URL_OVERRIDES replaces discovery for listed server names.
/// </summary>
public sealed partial class OpenIdVerifier(
    IHttpClientFactory httpClients,
    FederationServerResolver resolver,
    AuthServiceSettings settings,
    ILogger<OpenIdVerifier> logger)
{
    public const string HttpClientName = "matrix-federation";

    /// <summary>The override targets, parsed once (the settings reader has checked the URLs).</summary>
    private readonly Dictionary<string, FederationTarget[]> overrideTargets = settings.FederationUrlOverrides.ToDictionary(
        o => o.Key,
        o => OverrideTargets(o.Value),
        StringComparer.Ordinal);

    /// <summary>The whole userinfo request, as upstream (30 s; connecting has its own 5 s).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private const int MaxUserInfoBytes = 64 * 1024;

    /// <returns>The validated user ID (the <c>sub</c>), whose domain is <paramref name="serverName"/>.</returns>
    /// <exception cref="OpenIdRejectedException">The token could not be validated; the message says why (never the token).</exception>
    public async Task<string> VerifyAsync(string accessToken, string serverName, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 2; round++)
        {
            var targets = await TargetsAsync(serverName, cancellationToken);
            foreach (var target in targets)
            {
                // One budget for headers and body: HttpClient.Timeout does not cover a body read after the headers.
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(RequestTimeout);
                HttpResponseMessage response;
                try
                {
                    response = await SendAsync(target, accessToken, budget.Token);
                }
                catch (Exception e) when (e is HttpRequestException or IOException
                                           || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    LogTargetFailed(serverName, target.BaseUrl.Authority, e.Message);
                    continue;
                }

                using (response)
                {
                    try
                    {
                        return await ReadUserIdAsync(response, serverName, budget.Token);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException
                                               || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        throw new OpenIdRejectedException($"{serverName} did not finish its userinfo answer: {e.Message}");
                    }
                }
            }
        }

        throw new OpenIdRejectedException($"no federation endpoint of {serverName} answered");
    }

    private async Task<IReadOnlyList<FederationTarget>> TargetsAsync(string serverName, CancellationToken cancellationToken)
    {
        if (overrideTargets.TryGetValue(serverName, out var overridden))
        {
            return overridden;
        }

        try
        {
            return await resolver.ResolveAsync(serverName, cancellationToken);
        }
        catch (FederationResolutionException e)
        {
            throw new OpenIdRejectedException(e.Message);
        }
    }

    private static FederationTarget[] OverrideTargets(string url)
    {
        var baseUrl = new Uri(url.TrimEnd('/') + "/", UriKind.Absolute);
        return [new FederationTarget(baseUrl, baseUrl.Authority, null)];
    }

    private Task<HttpResponseMessage> SendAsync(FederationTarget target, string accessToken, CancellationToken cancellationToken)
    {
        // BaseUrl ends in '/' (both resolver and overrides make it so): one parse instead of a relative combine.
        var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(target.BaseUrl.AbsoluteUri + "_matrix/federation/v1/openid/userinfo?access_token=" + Uri.EscapeDataString(accessToken), UriKind.Absolute));
        request.Headers.Host = target.HostHeader;
        if (target.BaseUrl.Scheme == Uri.UriSchemeHttps)
        {
            // As upstream: HTTP/2 when the homeserver offers it (ALPN), else HTTP/1.1.
            request.Version = System.Net.HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        // Pooled connections are keyed by the URL's host: one opened to an SRV target must not be reused.
        request.Headers.ConnectionClose = target.ConnectTo is not null;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (target.ConnectTo is { } connectTo)
        {
            request.Options.Set(OutboundConnector.ConnectTo, connectTo);
        }

        return httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task<string> ReadUserIdAsync(HttpResponseMessage response, string serverName, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new OpenIdRejectedException($"{serverName} answered {(int)response.StatusCode} to the userinfo request");
        }

        string? sub;
        try
        {
            using var json = JsonDocument.Parse(await BoundedBody.ReadAsync(response.Content, MaxUserInfoBytes, cancellationToken));
            sub = json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("sub", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new OpenIdRejectedException($"{serverName} sent an unreadable userinfo body: {e.Message}");
        }

        var colon = sub?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (sub is null || colon < 0 || sub[(colon + 1)..] != serverName)
        {
            throw new OpenIdRejectedException($"userinfo from {serverName} names a user of another server ({sub ?? "no sub"})");
        }

        return sub;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID userinfo request to {ServerName} via {Target} failed: {Reason}")]
    private partial void LogTargetFailed(string serverName, string target, string reason);
}
