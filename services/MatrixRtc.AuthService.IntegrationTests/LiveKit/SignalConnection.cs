using System.Net.WebSockets;
using System.Text;
using Google.Protobuf;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests.LiveKit;

/// <summary>
/// A participant on the real SFU through LiveKit's signalling WebSocket (<c>/rtc</c>), without
/// WebRTC: LiveKit accepts the token, puts the participant in the room (RoomService.GetParticipant
/// finds it) and answers with a JoinResponse. The participant never becomes "active" (no ICE), so
/// LiveKit sends no participant_joined webhook for it; leaving sends participant_connection_aborted.
/// </summary>
public sealed class SignalConnection : ISfuParticipant
{
    /// <summary>The signalling protocol version current LiveKit client SDKs announce.</summary>
    private const int Protocol = 16;

    private readonly ClientWebSocket socket;

    private SignalConnection(ClientWebSocket socket, string identity)
    {
        this.socket = socket;
        Identity = identity;
    }

    /// <summary>The participant identity LiveKit reported in its JoinResponse.</summary>
    public string Identity { get; }

    /// <exception cref="SfuJoinRefusedException">LiveKit refused the connection (e.g. 404: the room does not exist).</exception>
    public static async Task<SignalConnection> JoinAsync(Uri liveKitUrl, string participantToken, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new Uri(liveKitUrl,
            $"rtc?access_token={Uri.EscapeDataString(participantToken)}&protocol={Protocol}&sdk=dotnet-integration-tests&auto_subscribe=0");
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new SfuJoinRefusedException(status, $"LiveKit refused the signalling connection with HTTP {(int)status}", e);
        }

        try
        {
            var identity = ReadJoinResponseIdentity(await ReceiveMessageAsync(socket, cancellationToken));
            return new SignalConnection(socket, identity);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Leaves as a client that hangs up does: a LeaveRequest (CLIENT_INITIATED), then closing the socket.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        // LiveKit reads text frames as protobuf JSON SignalRequests.
        var leave = """{"leave":{"reason":"CLIENT_INITIATED","action":"DISCONNECT"}}"""u8.ToArray();
        await socket.SendAsync(new ReadOnlyMemory<byte>(leave), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "leaving", cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<byte[]> ReceiveMessageAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"LiveKit closed the signalling connection: {result.CloseStatus} {result.CloseStatusDescription}");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return message.ToArray();
    }

    /// <summary>SignalResponse { join = 1: JoinResponse { participant = 2: ParticipantInfo { identity = 2 } } }.</summary>
    private static string ReadJoinResponseIdentity(byte[] signalResponse)
    {
        var join = Field(signalResponse, 1)
            ?? throw new InvalidOperationException($"LiveKit's first signalling message is not a JoinResponse ({signalResponse.Length} bytes: {Encoding.UTF8.GetString(signalResponse)})");
        var participant = Field(join, 2) ?? throw new InvalidOperationException("LiveKit's JoinResponse has no participant");
        var identity = Field(participant, 2) ?? throw new InvalidOperationException("LiveKit's JoinResponse participant has no identity");
        return Encoding.UTF8.GetString(identity);
    }

    /// <returns>The bytes of length-delimited field <paramref name="number"/>, or null when absent.</returns>
    private static byte[]? Field(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                return input.ReadBytes().ToByteArray();
            }

            input.SkipLastField();
        }

        return null;
    }
}
