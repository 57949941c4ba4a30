using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// LiveKit's RoomService over Twirp with protobuf bodies, authenticated by a server JWT.
/// Unlike upstream, every call has a timeout (<see cref="CallTimeout"/>).
/// </summary>
public sealed partial class LiveKitRoomService(IHttpClientFactory httpClients, LiveKitTokenIssuer tokens, ILogger<LiveKitRoomService> logger)
    : ILiveKitRoomService
{
    public const string HttpClientName = "livekit-room-service";
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Keep an unused room 5 minutes, keep it 20 s after the last participant left, no size limit.</summary>
    public const uint EmptyTimeoutSeconds = 300;
    public const uint DepartureTimeoutSeconds = 20;
    public const uint MaxParticipants = 0;

    private static readonly MediaTypeHeaderValue Protobuf = new("application/protobuf");

    public async Task<CreatedRoom> CreateRoomAsync(string roomName, CancellationToken cancellationToken)
    {
        var body = RoomServiceMessages.CreateRoomRequest(roomName, EmptyTimeoutSeconds, DepartureTimeoutSeconds, MaxParticipants);
        var (status, response, error) = await CallAsync("CreateRoom", body, tokens.RoomCreateToken(), cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw new LiveKitRoomServiceException($"CreateRoom for room {roomName} failed: {error}");
        }

        try
        {
            return RoomServiceMessages.ReadRoom(response);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new LiveKitRoomServiceException($"CreateRoom for room {roomName}: the SFU's answer is not a Room message", e);
        }
    }

    public async Task<ParticipantPresence> GetParticipantAsync(string roomName, string identity, CancellationToken cancellationToken)
    {
        try
        {
            var body = RoomServiceMessages.RoomParticipantIdentity(roomName, identity);
            var (status, _, error) = await CallAsync("GetParticipant", body, tokens.RoomAdminToken(roomName), cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                return ParticipantPresence.Present;
            }

            if (error.StartsWith("not_found", StringComparison.Ordinal))
            {
                return ParticipantPresence.Absent;
            }

            LogLookupFailed(roomName, identity, error);
            return ParticipantPresence.Unknown;
        }
        catch (LiveKitRoomServiceException e)
        {
            LogLookupFailed(roomName, identity, e.Message);
            return ParticipantPresence.Unknown;
        }
    }

    /// <returns>The status, the body, and for failures "twirp_code: message" (or a transport description).</returns>
    private async Task<(HttpStatusCode Status, byte[] Body, string Error)> CallAsync(
        string method, byte[] body, string token, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"twirp/livekit.RoomService/{method}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Protobuf } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? (response.StatusCode, content, "")
                : (response.StatusCode, content, DescribeTwirpError(response.StatusCode, content));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LiveKitRoomServiceException($"{method}: the SFU did not answer within {CallTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new LiveKitRoomServiceException($"{method}: cannot reach the SFU: {e.Message}", e);
        }
    }

    private static string DescribeTwirpError(HttpStatusCode status, byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                var msg = json.RootElement.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
                return $"{code.GetString()}: {msg}";
            }
        }
        catch (JsonException)
        {
            // Not a Twirp error body: Twirp itself would call this bad_route.
        }

        return $"HTTP {(int)status} without a Twirp error body";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GetParticipant {Identity} in {Room}: no definite answer ({Error})")]
    private partial void LogLookupFailed(string room, string identity, string error);
}
