using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// MSC4140 restart/send over HTTP: <c>POST {cs-api}/_matrix/client/unstable/org.matrix.msc4140/delayed_events/{delay_id}/{action}</c>
/// with body <c>{}</c> and no Authorization (the delay ID is the capability). Transient failures are
/// retried with <see cref="ExponentialBackoff"/>; a Retry-After replaces the next wait and resets the
/// backoff; retrying stops as soon as elapsed time plus the next wait would exceed the budget.
/// </summary>
public sealed class DelayedEventClient(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    Random random,
    ILogger<DelayedEventClient> logger) : IDelayedEventClient
{
    /// <summary>The named <see cref="HttpClient"/> used; configure TLS (skip-verify) on it.</summary>
    public const string HttpClientName = "matrix-cs-api";

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private const int MaxBodyChars = 64 * 1024;

    public Task<DelayedEventResult> RestartAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken) =>
        RunAsync(DelayedEventAction.Restart, clientServerApi, delayId, budget, cancellationToken);

    public Task<DelayedEventResult> SendAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken) =>
        RunAsync(DelayedEventAction.Send, clientServerApi, delayId, budget, cancellationToken);

    /// <summary>The request URL; the delay ID is one percent-encoded path segment, so it can never climb the path.</summary>
    public static Uri ActionUri(Uri clientServerApi, string delayId, DelayedEventAction action)
    {
        var segment = Uri.EscapeDataString(delayId);
        if (segment.Length == 0 || segment.All(c => c == '.'))
        {
            // "." and ".." would be removed as dot segments; spell them escaped.
            segment = segment.Replace(".", "%2E", StringComparison.Ordinal);
        }

        var actionSegment = action == DelayedEventAction.Restart ? "restart" : "send";
        var baseUrl = clientServerApi.AbsoluteUri.TrimEnd('/');

        // Uri would otherwise unescape %2E and drop the resulting dot segments; the base is already
        // canonical and every added segment is escaped, so nothing else changes.
        return new Uri(
            $"{baseUrl}/_matrix/client/unstable/org.matrix.msc4140/delayed_events/{segment}/{actionSegment}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    private async Task<DelayedEventResult> RunAsync(
        DelayedEventAction action, Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken)
    {
        var uri = ActionUri(clientServerApi, delayId, action);
        var backoff = new ExponentialBackoff(random);
        var started = timeProvider.GetTimestamp();
        for (var attempts = 1; ; attempts++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await AttemptAsync(action, uri, cancellationToken);
            switch (response.Kind)
            {
                case DelayedEventResponseKind.Success:
                    return new(DelayedEventOutcome.Succeeded, timeProvider.GetUtcNow(), attempts, null);
                case DelayedEventResponseKind.NotFound:
                    return new(DelayedEventOutcome.NotFound, timeProvider.GetUtcNow(), attempts, response.Description);
            }

            TimeSpan wait;
            if (response.RetryAfter is { } retryAfter)
            {
                wait = retryAfter;
                backoff.Reset();
            }
            else
            {
                wait = backoff.Next();
            }

            if (timeProvider.GetElapsedTime(started) + wait > budget)
            {
                return new(DelayedEventOutcome.GaveUp, timeProvider.GetUtcNow(), attempts, response.Description);
            }

            logger.LogDebug(
                "MSC4140 {Action} of {DelayId} failed ({Failure}); retrying in {Wait}", action, delayId, response.Description, wait);
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private async Task<DelayedEventResponse> AttemptAsync(DelayedEventAction action, Uri uri, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = (int)response.StatusCode == 429 ? await ReadBodyAsync(response, linked.Token) : null;
            return DelayedEventResponse.Classify(action, response.StatusCode, response.Headers, body, timeProvider.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(DelayedEventResponseKind.Transient, null, $"no answer within {AttemptTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new(DelayedEventResponseKind.Transient, null, e.Message);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}
