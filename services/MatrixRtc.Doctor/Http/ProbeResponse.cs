using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Http;

/// <summary>
/// What one HTTP request produced: either a response (status, headers, body) or a transport error
/// (timeout, refused connection, TLS failure) as a readable, already redacted sentence.
/// </summary>
public sealed record ProbeResponse
{
    public required Uri Url { get; init; }

    /// <summary>Null when no response arrived; then <see cref="Error"/> says why.</summary>
    public HttpStatusCode? Status { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string Body { get; init; } = "";

    public string? Error { get; init; }

    public TimeSpan Elapsed { get; init; }

    public int StatusCode => Status is { } s ? (int)s : 0;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsRedirect => StatusCode is 301 or 302 or 303 or 307 or 308;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public JsonObject? JsonObject()
    {
        try
        {
            return JsonNode.Parse(Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The Matrix <c>errcode</c> of an error body, if any.</summary>
    public string? ErrCode => JsonObject()?["errcode"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>"HTTP 404 M_NOT_FOUND" or the transport error.</summary>
    public string Describe()
    {
        if (Error is not null)
        {
            return Error;
        }

        var code = ErrCode;
        return code is null ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {code}";
    }
}
