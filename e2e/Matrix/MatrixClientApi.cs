using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MatrixRtcLab.E2E.Matrix;

/// <summary>The few Client-Server API calls the tests make directly (faster and steadier than the UI).</summary>
public sealed class MatrixClientApi(HttpClient http, Uri homeserver)
{
    public const string CallMemberEventType = "org.matrix.msc3401.call.member";

    public async Task<string> CreateRoomAsync(MatrixUser creator, string name, IEnumerable<MatrixUser> invite, bool isDirect, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["preset"] = isDirect ? "trusted_private_chat" : "private_chat",
            ["is_direct"] = isDirect,
            ["invite"] = new JsonArray([.. invite.Select(u => JsonValue.Create(u.UserId))]),
        };
        var created = await SendAsync(creator, HttpMethod.Post, "_matrix/client/v3/createRoom", body, ct);
        return created["room_id"]?.GetValue<string>() ?? throw new InvalidDataException($"createRoom returned no room_id: {created}");
    }

    public Task JoinAsync(MatrixUser user, string roomId, CancellationToken ct) =>
        SendAsync(user, HttpMethod.Post, $"_matrix/client/v3/join/{Uri.EscapeDataString(roomId)}", new JsonObject(), ct);

    public Task SetDisplayNameAsync(MatrixUser user, CancellationToken ct) =>
        SendAsync(user, HttpMethod.Put, $"_matrix/client/v3/profile/{Uri.EscapeDataString(user.UserId)}/displayname",
            new JsonObject { ["displayname"] = user.DisplayName }, ct);

    /// <summary>Marks the room as a DM with <paramref name="other"/> in <paramref name="user"/>'s m.direct, as clients do.</summary>
    public Task MarkDirectAsync(MatrixUser user, MatrixUser other, string roomId, CancellationToken ct) =>
        SendAsync(user, HttpMethod.Put, $"_matrix/client/v3/user/{Uri.EscapeDataString(user.UserId)}/account_data/m.direct",
            new JsonObject { [other.UserId] = new JsonArray(roomId) }, ct);

    /// <summary>Call memberships from the room's current state, as <paramref name="reader"/> sees it.</summary>
    public async Task<IReadOnlyList<CallMembership>> CallMembershipsAsync(MatrixUser reader, string roomId, CancellationToken ct)
    {
        using var request = Request(reader, HttpMethod.Get, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/state");
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        var state = await response.Content.ReadFromJsonAsync<JsonArray>(ct) ?? [];
        return [.. state
            .OfType<JsonObject>()
            .Where(e => e["type"]?.GetValue<string>() == CallMemberEventType)
            .Select(e => new CallMembership(
                e["state_key"]?.GetValue<string>() ?? "",
                e["sender"]?.GetValue<string>() ?? "",
                e["content"] is JsonObject content && content["application"] is not null && content["device_id"] is not null))];
    }

    private async Task<JsonObject> SendAsync(MatrixUser user, HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var request = Request(user, method, path);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
    }

    private HttpRequestMessage Request(MatrixUser user, HttpMethod method, string path) => new(method, new Uri(homeserver, path))
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken) },
    };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {Truncate(body)}",
                null, response.StatusCode);
        }
    }

    internal static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
