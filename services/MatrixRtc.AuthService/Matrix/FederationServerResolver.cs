using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// Matrix server-name resolution (server-server API, "Resolving server names"): IP literal, explicit
/// port, <c>.well-known/matrix/server</c> delegation, SRV <c>_matrix-fed._tcp</c> then
/// <c>_matrix._tcp</c>, else port 8448.
/// </summary>
public sealed partial class FederationServerResolver(
    IHttpClientFactory httpClients, ISrvResolver srv, ILogger<FederationServerResolver> logger)
{
    public const string WellKnownHttpClient = "matrix-well-known";
    public const int DefaultPort = 8448;

    /// <summary>A whole .well-known request, headers and body (the client's own timeout covers only the headers).</summary>
    public static readonly TimeSpan WellKnownTimeout = TimeSpan.FromSeconds(30);
    private const int MaxWellKnownBytes = 50 * 1024;

    /// <exception cref="FederationResolutionException">The server name is invalid.</exception>
    public async Task<IReadOnlyList<FederationTarget>> ResolveAsync(string serverName, CancellationToken cancellationToken)
    {
        if (!MatrixServerName.TryParse(serverName, out var name))
        {
            throw new FederationResolutionException($"\"{serverName}\" is not a valid server name");
        }

        if (name.IsIpLiteral || name.Port is not null)
        {
            return [Direct(name, serverName)];
        }

        var delegated = await FetchWellKnownAsync(name, cancellationToken);
        if (delegated is not null && MatrixServerName.TryParse(delegated, out var delegatedName))
        {
            return delegatedName.IsIpLiteral || delegatedName.Port is not null
                ? [Direct(delegatedName, delegated)]
                : await ViaSrvAsync(delegatedName, delegated, cancellationToken);
        }

        return await ViaSrvAsync(name, serverName, cancellationToken);
    }

    private static FederationTarget Direct(MatrixServerName name, string hostHeader) =>
        new(new Uri($"https://{name.UrlHost}:{name.Port ?? DefaultPort}/"), hostHeader, null);

    private async Task<IReadOnlyList<FederationTarget>> ViaSrvAsync(MatrixServerName name, string hostHeader, CancellationToken cancellationToken)
    {
        var records = await srv.ResolveAsync($"_matrix-fed._tcp.{name.Host}", cancellationToken);
        if (records.Count == 0)
        {
            records = await srv.ResolveAsync($"_matrix._tcp.{name.Host}", cancellationToken);
        }

        if (records.Count == 0)
        {
            return [Direct(name, hostHeader)];
        }

        return [.. records.Select(r => new FederationTarget(
            new Uri($"https://{name.UrlHost}:{r.Port}/"), hostHeader, new DnsEndPoint(r.Target.TrimEnd('.'), r.Port)))];
    }

    /// <returns>The <c>m.server</c> delegation, or null when there is none.</returns>
    private async Task<string?> FetchWellKnownAsync(MatrixServerName name, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(WellKnownTimeout);
        try
        {
            using var response = await httpClients.CreateClient(WellKnownHttpClient)
                .GetAsync($"https://{name.UrlHost}/.well-known/matrix/server", HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var body = await BoundedBody.ReadAsync(response.Content, MaxWellKnownBytes, budget.Token);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("m.server", out var server)
                && server.ValueKind == JsonValueKind.String && server.GetString() is { Length: > 0 } value
                ? value
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or InvalidDataException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNoWellKnown(name.Host, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No usable .well-known/matrix/server for {ServerName}: {Reason}")]
    private partial void LogNoWellKnown(string serverName, string reason);
}
