using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>What one HTTP attempt means.</summary>
public readonly record struct DelayedEventResponse(DelayedEventResponseKind Kind, TimeSpan? RetryAfter, string Description)
{
    /// <summary>Classifies a homeserver answer. <paramref name="body"/> is only looked at for 429.</summary>
    public static DelayedEventResponse Classify(
        DelayedEventAction action, HttpStatusCode status, HttpResponseHeaders headers, string? body, DateTimeOffset now)
    {
        var code = (int)status;
        var description = $"HTTP {code}";
        return code switch
        {
            200 or 204 => new(DelayedEventResponseKind.Success, null, description),
            404 when action == DelayedEventAction.Send => new(DelayedEventResponseKind.Success, null, description + " (already sent or cancelled)"),
            404 => new(DelayedEventResponseKind.NotFound, null, description),
            429 => new(DelayedEventResponseKind.Transient, RetryAfterOf(headers, body, now), description),
            _ => new(DelayedEventResponseKind.Transient, null, description),
        };
    }

    /// <summary>
    /// Retry-After as integer seconds or an HTTP date; else the Matrix body's retry_after_ms; the header
    /// wins. Capped at <see cref="MaxRetryAfter"/>: every retry budget is shorter, and larger values
    /// would overflow the budget arithmetic.
    /// </summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, string? body, DateTimeOffset now)
    {
        if (headers.TryGetValues("Retry-After", out var values) && values.FirstOrDefault()?.Trim() is { Length: > 0 } header)
        {
            if (long.TryParse(header, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (long)MaxRetryAfter.TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(header, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                return date > now ? Min(date - now, MaxRetryAfter) : TimeSpan.Zero;
            }
        }

        return RetryAfterMillisecondsOf(body) is { } milliseconds
            ? TimeSpan.FromSeconds(Math.Min(Math.Ceiling(milliseconds / 1000.0), MaxRetryAfter.TotalSeconds))
            : null;
    }

    /// <summary>The longest wait a Retry-After can ask for (a day: longer than any job's retry budget).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static long? RetryAfterMillisecondsOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("retry_after_ms", out var value)
                && value.TryGetInt64(out var milliseconds)
                && milliseconds > 0
                ? milliseconds
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public enum DelayedEventResponseKind
{
    Success,
    NotFound,
    Transient,
}
