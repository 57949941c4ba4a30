using System.Globalization;
using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Http;

namespace MatrixRtc.Doctor.Matrix;

/// <summary>The few Client-Server API calls the membership tools need, authenticated with one access token.</summary>
public sealed class MatrixClient(HttpProber http, Uri homeserver, string accessToken)
{
    public async Task<(string UserId, string? DeviceId)> WhoAmIAsync(CancellationToken ct)
    {
        var body = await SendAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami", null, ct);
        return (body["user_id"]?.ToString() ?? throw Invalid("whoami"), body["device_id"]?.ToString());
    }

    public async Task<IReadOnlyList<RoomEvent>> GetRoomStateAsync(string roomId, CancellationToken ct)
    {
        var url = new Uri(homeserver, Path($"/_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state"));
        var response = await http.GetAsync(url, accessToken, ct);
        Ensure(response, $"reading the state of {roomId}");
        if (ParseOrNull(response.Body) is not JsonArray events)
        {
            throw Invalid("room state");
        }

        return [.. events.Select(RoomEvent.From).OfType<RoomEvent>()];
    }

    /// <summary>The current state event (null when there is none).</summary>
    public async Task<RoomEvent?> GetStateEventAsync(string roomId, string type, string stateKey, CancellationToken ct)
    {
        var url = new Uri(homeserver, Path($"/_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(stateKey)}") + "?format=event");
        var response = await http.GetAsync(url, accessToken, ct);
        if (response.StatusCode == 404)
        {
            return null;
        }

        Ensure(response, $"re-reading {type}/{stateKey}");
        var body = response.JsonObject() ?? throw Invalid("state event");
        return RoomEvent.From(body) ?? throw Invalid("state event (the homeserver ignored format=event)");
    }

    /// <summary>Writes a state event and returns its event ID.</summary>
    public async Task<string> PutStateAsync(string roomId, string type, string stateKey, JsonObject content, CancellationToken ct)
    {
        var body = await SendAsync(HttpMethod.Put,
            $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(stateKey)}", content, ct);
        return body["event_id"]?.ToString() ?? throw Invalid("state write");
    }

    /// <summary>The newest timeline events (newest first), for sticky memberships that are not in room state.</summary>
    public async Task<IReadOnlyList<RoomEvent>> GetRecentEventsAsync(string roomId, int limit, CancellationToken ct)
    {
        var body = await SendAsync(HttpMethod.Get,
            $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/messages?dir=b&limit={limit.ToString(CultureInfo.InvariantCulture)}", null, ct);
        return [.. (body["chunk"] as JsonArray ?? []).Select(RoomEvent.From).OfType<RoomEvent>()];
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? content, CancellationToken ct)
    {
        var url = new Uri(homeserver, Path(pathAndQuery));
        var response = await http.SendAsync(method, url, accessToken, content, ct);
        Ensure(response, $"{method} {pathAndQuery.Split('?')[0]}");
        return response.JsonObject() ?? throw Invalid(pathAndQuery);
    }

    private string Path(string path) => homeserver.AbsolutePath.TrimEnd('/') + path;

    private void Ensure(ProbeResponse response, string what)
    {
        if (response.Error is not null)
        {
            throw new MatrixApiException(http.Redactor.Redact($"{what}: {response.Error}"), 0, null, null);
        }

        if (response.IsSuccess)
        {
            return;
        }

        var body = response.JsonObject();
        var error = body?["error"]?.ToString();
        TimeSpan? retry = body?["retry_after_ms"] is JsonValue ms && ms.TryGetValue<long>(out var wait) ? TimeSpan.FromMilliseconds(wait)
            : int.TryParse(response.Header("Retry-After"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
            : null;
        var text = error is null ? response.Describe() : $"{response.Describe()} \"{error}\"";
        throw new MatrixApiException(http.Redactor.Redact($"{what}: {text}"), response.StatusCode, response.ErrCode, error is null ? null : http.Redactor.Redact(error), retry);
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static MatrixApiException Invalid(string what) => new($"unexpected answer to {what}", 200, null, null);
}
