using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtc.AuthService.IntegrationTests.Matrix;

/// <summary>
/// The Client-Server API calls a MatrixRTC client makes (state events, MSC4140 delayed events,
/// OpenID tokens) plus Synapse's shared-secret registration for test users.
/// </summary>
public sealed class SynapseClient(Uri baseUrl, string registrationSharedSecret) : IDisposable
{
    private const string DelayedEventsPath = "_matrix/client/unstable/org.matrix.msc4140/delayed_events";

    private readonly HttpClient http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// <c>/_synapse/admin/v1/register</c>: a nonce, then HMAC-SHA1 (keyed with the shared secret) over
    /// nonce, username, password and "notadmin", NUL-separated, as lower-case hex.
    /// </summary>
    public async Task<MatrixUser> RegisterAsync(string localpart, CancellationToken cancellationToken)
    {
        using var nonceResponse = await http.GetAsync("_synapse/admin/v1/register", cancellationToken);
        var nonce = (await ReadJsonAsync(nonceResponse, "registration nonce", cancellationToken)).GetProperty("nonce").GetString()!;
        var password = SecretGenerator.AlphanumericString(24);
        var signed = Encoding.UTF8.GetBytes($"{nonce}\0{localpart}\0{password}\0notadmin");
        var mac = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(registrationSharedSecret), signed));
        var body = new JsonObject
        {
            ["nonce"] = nonce,
            ["username"] = localpart,
            ["password"] = password,
            ["admin"] = false,
            ["mac"] = mac,
        };
        using var response = await http.PostAsync("_synapse/admin/v1/register", Json(body), cancellationToken);
        var registered = await ReadJsonAsync(response, $"registration of {localpart}", cancellationToken);
        return new MatrixUser(
            registered.GetProperty("user_id").GetString()!,
            registered.GetProperty("access_token").GetString()!,
            registered.GetProperty("device_id").GetString()!);
    }

    public async Task<string> CreateRoomAsync(MatrixUser user, CancellationToken cancellationToken)
    {
        using var request = Authorized(user, HttpMethod.Post, "_matrix/client/v3/createRoom", new JsonObject { ["preset"] = "private_chat" });
        using var response = await http.SendAsync(request, cancellationToken);
        return (await ReadJsonAsync(response, "createRoom", cancellationToken)).GetProperty("room_id").GetString()!;
    }

    public async Task PutStateAsync(MatrixUser user, string roomId, string type, string stateKey, JsonObject content, CancellationToken cancellationToken)
    {
        using var request = Authorized(user, HttpMethod.Put, StatePath(roomId, type, stateKey), content);
        using var response = await http.SendAsync(request, cancellationToken);
        await ReadJsonAsync(response, $"state {type}", cancellationToken);
    }

    /// <summary>MSC4140: schedules a state event Synapse sends by itself after <paramref name="delay"/>.</summary>
    /// <returns>The delay ID a client hands to the auth service.</returns>
    public async Task<string> ScheduleDelayedStateAsync(
        MatrixUser user, string roomId, string type, string stateKey, JsonObject content, TimeSpan delay, CancellationToken cancellationToken)
    {
        var path = $"{StatePath(roomId, type, stateKey)}?org.matrix.msc4140.delay={(long)delay.TotalMilliseconds}";
        using var request = Authorized(user, HttpMethod.Put, path, content);
        using var response = await http.SendAsync(request, cancellationToken);
        return (await ReadJsonAsync(response, $"delayed state {type}", cancellationToken)).GetProperty("delay_id").GetString()!;
    }

    /// <returns>The current content of the state event, or null when there is none.</returns>
    public async Task<JsonElement?> GetStateAsync(MatrixUser user, string roomId, string type, string stateKey, CancellationToken cancellationToken)
    {
        using var request = Authorized(user, HttpMethod.Get, StatePath(roomId, type, stateKey));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadJsonAsync(response, $"state {type}", cancellationToken);
    }

    public async Task<IReadOnlyList<DelayedEvent>> GetDelayedEventsAsync(MatrixUser user, CancellationToken cancellationToken)
    {
        using var request = Authorized(user, HttpMethod.Get, DelayedEventsPath);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadJsonAsync(response, "delayed events", cancellationToken);
        return [.. body.GetProperty("delayed_events").EnumerateArray().Select(e => new DelayedEvent(
            e.GetProperty("delay_id").GetString()!,
            e.GetProperty("delay").GetInt64(),
            e.GetProperty("running_since").GetInt64()))];
    }

    public async Task<OpenIdToken> RequestOpenIdTokenAsync(MatrixUser user, CancellationToken cancellationToken)
    {
        using var request = Authorized(user, HttpMethod.Post, $"_matrix/client/v3/user/{Uri.EscapeDataString(user.UserId)}/openid/request_token", new JsonObject());
        using var response = await http.SendAsync(request, cancellationToken);
        var token = await ReadJsonAsync(response, "OpenID token", cancellationToken);
        return new OpenIdToken(token.GetProperty("access_token").GetString()!, token.GetProperty("matrix_server_name").GetString()!);
    }

    public void Dispose() => http.Dispose();

    private static string StatePath(string roomId, string type, string stateKey) =>
        $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(stateKey)}";

    private static HttpRequestMessage Authorized(MatrixUser user, HttpMethod method, string path, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return request;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Synapse refused {what}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
