using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MatrixRtc.AuthService.Configuration;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// Client-Server API discovery for delayed events: LIVEKIT_CS_API_URL_OVERRIDES, else a 4-hour
/// in-process cache, else <c>https://&lt;server name&gt;/.well-known/matrix/client</c>'s
/// <c>m.homeserver.base_url</c>, used verbatim.
/// </summary>
public sealed partial class ClientServerApiResolver(
    IHttpClientFactory httpClients,
    AuthServiceSettings settings,
    TimeProvider time,
    ILogger<ClientServerApiResolver> logger,
    int maxCachedServers = ClientServerApiResolver.DefaultMaxCachedServers) : IClientServerApiResolver
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(4);

    /// <summary>Bounds the cache a client can fill with server names of its choosing.</summary>
    public const int DefaultMaxCachedServers = 10_000;
    private const int MaxBodyBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, (Uri BaseUrl, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public async Task<Uri?> ResolveAsync(string serverName, CancellationToken cancellationToken)
    {
        if (settings.ClientServerApiUrlOverrides.TryGetValue(serverName, out var configured))
        {
            return Uri.TryCreate(configured, UriKind.Absolute, out var overridden) ? overridden : null;
        }

        var now = time.GetUtcNow();
        if (cache.TryGetValue(serverName, out var cached) && cached.Expires > now)
        {
            return cached.BaseUrl;
        }

        var discovered = await DiscoverAsync(serverName, cancellationToken);
        if (discovered is not null)
        {
            if (cache.Count >= maxCachedServers && !cache.ContainsKey(serverName))
            {
                foreach (var (name, entry) in cache)
                {
                    if (entry.Expires <= now)
                    {
                        cache.TryRemove(name, out _);
                    }
                }
            }

            if (cache.Count < maxCachedServers || cache.ContainsKey(serverName))
            {
                cache[serverName] = (discovered, now + CacheLifetime);
            }
        }

        return discovered;
    }

    private async Task<Uri?> DiscoverAsync(string serverName, CancellationToken cancellationToken)
    {
        if (!MatrixServerName.TryParse(serverName, out var name))
        {
            LogUnresolvable(serverName, "not a valid server name");
            return null;
        }

        var port = name.Port is { } p ? $":{p}" : "";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{name.UrlHost}{port}/.well-known/matrix/client");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(FederationServerResolver.WellKnownTimeout);
        try
        {
            using var response = await httpClients.CreateClient(FederationServerResolver.WellKnownHttpClient)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                LogUnresolvable(serverName, "no .well-known/matrix/client (404)");
                return null;
            }

            using var json = JsonDocument.Parse(await BoundedBody.ReadAsync(response.Content, MaxBodyBytes, budget.Token));
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("m.homeserver", out var homeserver) && homeserver.ValueKind == JsonValueKind.Object
                && homeserver.TryGetProperty("base_url", out var baseUrl) && baseUrl.ValueKind == JsonValueKind.String
                && Uri.TryCreate(baseUrl.GetString(), UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https")
            {
                return url;
            }

            LogUnresolvable(serverName, "no m.homeserver.base_url in .well-known/matrix/client");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or InvalidDataException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnresolvable(serverName, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot resolve the client-server API of {ServerName}: {Reason}")]
    private partial void LogUnresolvable(string serverName, string reason);
}
