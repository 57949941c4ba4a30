using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>A test user of the lab, logged in with its password: the Client-Server API calls the tests need.</summary>
public sealed class LabMatrixUser(HttpClient http, Uri homeserver, string userId, string accessToken, string deviceId)
{
    public string UserId { get; } = userId;
    public string AccessToken { get; } = accessToken;
    public string DeviceId { get; } = deviceId;

    public static async Task<LabMatrixUser> LogInAsync(HttpClient http, Uri homeserver, string username, string password, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(homeserver, "_matrix/client/v3/login"), new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = username },
            ["password"] = password,
        }, ct);
        var body = await ReadAsync(response, $"login of {username}", ct);
        return new LabMatrixUser(http, homeserver, (string)body["user_id"]!, (string)body["access_token"]!, (string)body["device_id"]!);
    }

    /// <summary>A room where members may send call memberships (as Element does for call-enabled rooms).</summary>
    public async Task<string> CreateCallRoomAsync(CancellationToken ct) =>
        (string)(await SendAsync(HttpMethod.Post, "_matrix/client/v3/createRoom", new JsonObject
        {
            ["preset"] = "private_chat",
            ["power_level_content_override"] = new JsonObject { ["events"] = new JsonObject { ["org.matrix.msc3401.call.member"] = 0 } },
        }, ct))["room_id"]!;

    /// <summary>The <c>openid_token</c> object a MatrixRTC client hands to the auth service.</summary>
    public Task<JsonObject> RequestOpenIdTokenAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"_matrix/client/v3/user/{Uri.EscapeDataString(UserId)}/openid/request_token", new JsonObject(), ct);

    public Task<JsonObject> PutStateAsync(string roomId, string type, string stateKey, JsonObject content, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(stateKey)}", content, ct);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(homeserver, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await http.SendAsync(request, ct);
        return await ReadAsync(response, $"{method} {path}", ct);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
