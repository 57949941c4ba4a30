using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.IntegrationTests.LiveKit;

/// <summary>
/// What the tests ask the real SFU directly: RoomService.ListRooms over Twirp with a JSON body
/// (LiveKit answers JSON with proto field names), and the join pre-check <c>/rtc/validate</c>.
/// </summary>
public sealed class LiveKitServerApi(Uri httpBaseUrl, LiveKitCredentials credentials) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = httpBaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<IReadOnlyList<LiveKitRoomInfo>> ListRoomsAsync(string roomName, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["names"] = new JsonArray(roomName) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "twirp/livekit.RoomService/ListRooms")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerToken());
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"LiveKit ListRooms answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(text);
        if (!json.RootElement.TryGetProperty("rooms", out var rooms) || rooms.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. rooms.EnumerateArray().Select(room => new LiveKitRoomInfo(
            room.GetProperty("name").GetString()!,
            UInt(room, "empty_timeout", "emptyTimeout"),
            UInt(room, "departure_timeout", "departureTimeout"),
            UInt(room, "num_participants", "numParticipants")))];
    }

    /// <summary>
    /// <c>GET /rtc/validate</c>: what LiveKit checks before accepting a signalling connection
    /// (token, join grant, and with auto_create off, that the room exists). 200 "success" when it would accept.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> ValidateAsync(string participantToken, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"rtc/validate?access_token={Uri.EscapeDataString(participantToken)}", cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => http.Dispose();

    private string ServerToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Hs256Jwt.Sign(credentials.Secret, claims =>
        {
            claims.WriteString("iss", credentials.Key);
            claims.WriteNumber("nbf", now);
            claims.WriteNumber("exp", now + 600);
            claims.WriteStartObject("video");
            claims.WriteBoolean("roomList", true);
            claims.WriteEndObject();
        });
    }

    private static uint UInt(JsonElement room, string protoName, string jsonName) =>
        room.TryGetProperty(protoName, out var value) || room.TryGetProperty(jsonName, out value) ? value.GetUInt32() : 0;
}
