using System.Globalization;
using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Http;

namespace MatrixRtc.Doctor.LiveKit;

/// <summary>
/// Client for LiveKit's Twirp RoomService (JSON flavour): <c>POST {base}/twirp/livekit.RoomService/{Method}</c>
/// with a server token. Only read operations are used.
/// </summary>
public sealed class LiveKitRoomService(HttpProber prober, Uri httpBase, LiveKitAccessToken tokens)
{
    /// <summary>LiveKit's HTTP base for a signalling URL as clients get it (<c>wss://</c> → <c>https://</c>, <c>ws://</c> → <c>http://</c>).</summary>
    public static Uri HttpBaseOf(Uri signallingUrl)
    {
        var builder = new UriBuilder(signallingUrl)
        {
            Scheme = signallingUrl.Scheme switch
            {
                "wss" => "https",
                "ws" => "http",
                var other => other,
            },
            Port = signallingUrl.IsDefaultPort ? -1 : signallingUrl.Port,
        };
        return builder.Uri;
    }

    public async Task<IReadOnlyList<LiveKitRoom>> ListRoomsAsync(IEnumerable<string>? names, CancellationToken cancellationToken)
    {
        var request = new JsonObject();
        if (names is not null)
        {
            request["names"] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);
        }

        var body = await CallAsync("ListRooms", new JsonObject { ["roomList"] = true }, request, cancellationToken);
        return [.. (body["rooms"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new LiveKitRoom(
            Text(r["name"]) ?? "",
            Text(r["sid"]) ?? "",
            (int)Number(r["num_participants"] ?? r["numParticipants"])))];
    }

    public async Task<IReadOnlyList<LiveKitParticipant>> ListParticipantsAsync(string room, CancellationToken cancellationToken)
    {
        var grants = new JsonObject { ["roomAdmin"] = true, ["room"] = room };
        var body = await CallAsync("ListParticipants", grants, new JsonObject { ["room"] = room }, cancellationToken);
        return [.. (body["participants"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new LiveKitParticipant(
            Text(p["identity"]) ?? "",
            Text(p["state"]) ?? "ACTIVE",
            Number(p["joined_at"] ?? p["joinedAt"]) is var joined and > 0 ? DateTimeOffset.FromUnixTimeSeconds(joined) : null))];
    }

    private async Task<JsonObject> CallAsync(string method, JsonObject grants, JsonObject request, CancellationToken cancellationToken)
    {
        var url = new Uri(httpBase, $"{httpBase.AbsolutePath.TrimEnd('/')}/twirp/livekit.RoomService/{method}");
        var token = tokens.Mint(grants);
        prober.Redactor.Add(token);
        var response = await prober.SendAsync(HttpMethod.Post, url, token, request, cancellationToken);
        if (response.Error is not null)
        {
            throw new LiveKitApiException($"LiveKit API {method}: {response.Error}");
        }

        var json = response.JsonObject();
        if (!response.IsSuccess)
        {
            var detail = Text(json?["msg"]) ?? response.Body;
            var hint = response.StatusCode == 401 ? " (is the LiveKit API key/secret right?)" : "";
            throw new LiveKitApiException(prober.Redactor.Redact($"LiveKit API {method} answered HTTP {response.StatusCode}: {detail.Trim()}{hint}"));
        }

        return json ?? throw new LiveKitApiException($"LiveKit API {method} answered something that is not JSON");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Twirp's JSON encodes 64-bit integers as strings; 32-bit ones as numbers.
    private static long Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };
}
