using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Users;

/// <summary>
/// MAS's admin API with a client-credentials token (the client must be listed in MAS's
/// <c>policy.data.admin_clients</c>; the lab publishes it as <see cref="LabEndpoints.MasAdminClient"/>).
/// </summary>
public sealed class MasAdminApi(HttpClient http, Uri mas, LabClientCredentials client)
{
    private string? _token;

    public async Task<string> CreateUserAsync(string username, CancellationToken ct)
    {
        var created = await PostAsync("api/admin/v1/users", new JsonObject { ["username"] = username }, ct);
        return created["data"]?["id"]?.GetValue<string>() ?? throw new InvalidDataException($"MAS returned no user id: {created}");
    }

    /// <summary>
    /// A personal session for the user with one Matrix device (MAS provisions the device on Synapse),
    /// so the browser gets a real device for its crypto and MatrixRTC membership.
    /// </summary>
    public async Task<string> CreateSessionAsync(string masUserId, string deviceId, TimeSpan lifetime, CancellationToken ct)
    {
        var session = await PostAsync("api/admin/v1/personal-sessions", new JsonObject
        {
            ["actor_user_id"] = masUserId,
            ["human_name"] = "MatrixRTC Lab e2e",
            ["scope"] = $"urn:matrix:client:api:* urn:matrix:client:device:{deviceId}",
            ["expires_in"] = (int)lifetime.TotalSeconds,
        }, ct);
        return session["data"]?["attributes"]?["access_token"]?.GetValue<string>()
            ?? throw new InvalidDataException("MAS returned a personal session without an access token.");
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mas, path))
        {
            Content = JsonContent.Create(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct)) },
        };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"MAS {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
        return JsonNode.Parse(text)?.AsObject() ?? [];
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is not null)
        {
            return _token;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mas, "oauth2/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "urn:mas:admin",
            }),
            Headers =
            {
                Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}"))),
            },
        };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"MAS refused the admin client {client.ClientId} ({(int)response.StatusCode}): {text}. " +
                "Is it in policy.data.admin_clients with client_secret_basic?", null, response.StatusCode);
        }
        _token = JsonNode.Parse(text)?["access_token"]?.GetValue<string>()
            ?? throw new InvalidDataException("MAS token response has no access_token.");
        return _token;
    }
}
