using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MatrixRtcLab.AppHost.Seeding;

/// <summary>
/// Synapse's shared-secret registration (<c>/_synapse/admin/v1/register</c>): a nonce, then the user
/// with an HMAC-SHA1 of nonce, name, password and admin flag keyed by <c>registration_shared_secret</c>.
/// </summary>
public sealed class SharedSecretRegistration(HttpClient http, Uri homeserver, string sharedSecret)
{
    /// <returns>True when the user was created, false when it existed already.</returns>
    /// <exception cref="HttpRequestException">Synapse refused for another reason.</exception>
    public async Task<bool> RegisterAsync(string username, string password, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(homeserver, "_synapse/admin/v1/register");
        var nonce = (await http.GetFromJsonAsync<JsonObject>(endpoint, cancellationToken))?["nonce"]?.GetValue<string>()
            ?? throw new HttpRequestException("Synapse answered the registration nonce request without a nonce");

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret), Encoding.UTF8.GetBytes($"{nonce}\0{username}\0{password}\0notadmin"));
        using var response = await http.PostAsJsonAsync(endpoint, new JsonObject
        {
            ["nonce"] = nonce,
            ["username"] = username,
            ["password"] = password,
            ["admin"] = false,
            ["mac"] = Convert.ToHexStringLower(mac),
        }, cancellationToken);

        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var error = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return error?["errcode"]?.GetValue<string>() == "M_USER_IN_USE"
            ? false
            : throw new HttpRequestException($"Synapse refused to register {username}: {(int)response.StatusCode} {error?["errcode"]} {error?["error"]}");
    }
}
