using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using MatrixRtc.AuthService.LiveKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Testing;

/// <summary>
/// A LiveKit SFU's RoomService over Twirp with protobuf bodies: CreateRoom and GetParticipant, with
/// the bearer server token checked against the API key and secret. Records every call.
/// Given a webhook URL it also behaves as LiveKit does towards its participants (rooms are never
/// created by joining): <see cref="JoinAsync"/> admits a participant token only for an existing room
/// and posts <c>participant_joined</c>, <see cref="LeaveAsync"/> posts <c>participant_left</c>, each
/// webhook signed as LiveKit signs it.
/// </summary>
public sealed class FakeSfu : IAsyncDisposable
{
    /// <summary>How long LiveKit's webhook tokens are valid.</summary>
    public static readonly TimeSpan WebhookTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly LoopbackHttpServer server;
    private readonly string key;
    private readonly string secret;
    private readonly Uri? webhookUrl;
    private readonly TimeProvider time;
    private readonly HttpClient webhooks = new() { Timeout = TimeSpan.FromSeconds(30) };

    private FakeSfu(LoopbackHttpServer server, string key, string secret, Uri? webhookUrl, TimeProvider time)
    {
        this.server = server;
        this.key = key;
        this.secret = secret;
        this.webhookUrl = webhookUrl;
        this.time = time;
    }

    public sealed record Call(string Method, IReadOnlyDictionary<int, object> Fields, string VideoGrant);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public ConcurrentDictionary<string, DateTimeOffset> Rooms { get; } = new();

    public ConcurrentDictionary<(string Room, string Identity), bool> Participants { get; } = new();

    /// <summary>When set, every call answers this status with a Twirp error body.</summary>
    public (int Status, string Code)? FailWith { get; set; }

    public Uri HttpUrl => server.BaseUrl;

    /// <summary>The ws:// URL clients get as LIVEKIT_URL.</summary>
    public string WsUrl => "ws://" + server.Authority;

    /// <param name="webhookUrl">Where participant webhooks go; null for an SFU that sends none.</param>
    public static async Task<FakeSfu> StartAsync(string key, string secret, Uri? webhookUrl = null, TimeProvider? time = null)
    {
        FakeSfu? sfu = null;
        var server = await LoopbackHttpServer.StartAsync(app =>
            app.MapPost("/twirp/livekit.RoomService/{method}", (string method, HttpContext context) => sfu!.HandleAsync(method, context)));
        sfu = new FakeSfu(server, key, secret, webhookUrl, time ?? TimeProvider.System);
        return sfu;
    }

    /// <summary>
    /// A client joins with <paramref name="participantToken"/>, as LiveKit admits one: a token signed with
    /// the API secret, unexpired, granting roomJoin for a room that exists. Posts <c>participant_joined</c>.
    /// </summary>
    /// <exception cref="SfuJoinRefusedException">401 for a token LiveKit would refuse, 404 for a missing room.</exception>
    public async Task<FakeSfuParticipant> JoinAsync(string participantToken, CancellationToken cancellationToken)
    {
        JsonElement claims;
        try
        {
            claims = Hs256Jwt.Verify(participantToken, iss => iss == key ? secret : null);
        }
        catch (JwtRejectedException e)
        {
            throw new SfuJoinRefusedException(HttpStatusCode.Unauthorized, $"fake sfu: invalid token: {e.Message}", e);
        }

        if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expiry) || expiry <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            throw new SfuJoinRefusedException(HttpStatusCode.Unauthorized, "fake sfu: token has expired");
        }

        var identity = claims.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString()! : "";
        if (!claims.TryGetProperty("video", out var video) || video.ValueKind != JsonValueKind.Object
            || !video.TryGetProperty("roomJoin", out var roomJoin) || roomJoin.ValueKind != JsonValueKind.True
            || !video.TryGetProperty("room", out var roomClaim) || roomClaim.ValueKind != JsonValueKind.String
            || roomClaim.GetString() is not { Length: > 0 } room
            || identity.Length == 0)
        {
            throw new SfuJoinRefusedException(HttpStatusCode.Unauthorized, "fake sfu: permissions denied (no roomJoin grant, room or identity)");
        }

        if (!Rooms.ContainsKey(room))
        {
            throw new SfuJoinRefusedException(HttpStatusCode.NotFound, $"fake sfu: room {room} does not exist");
        }

        var participant = new FakeSfuParticipant(room, identity);
        Participants[(room, identity)] = true;
        await SendWebhookAsync("participant_joined", participant, "ACTIVE", null, cancellationToken);
        return participant;
    }

    /// <summary>The participant hangs up: it is gone from its room, and <c>participant_left</c> (CLIENT_INITIATED) is posted.</summary>
    public async Task LeaveAsync(FakeSfuParticipant participant, CancellationToken cancellationToken)
    {
        Participants.TryRemove((participant.Room, participant.Identity), out _);
        await SendWebhookAsync("participant_left", participant, "DISCONNECTED", "CLIENT_INITIATED", cancellationToken);
    }

    private async Task SendWebhookAsync(string eventName, FakeSfuParticipant participant, string state, string? disconnectReason, CancellationToken cancellationToken)
    {
        if (webhookUrl is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var body = WebhookEventBody.Participant(eventName, participant, state, disconnectReason, now);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/webhook+json");
        var token = WebhookSigner.Sign(body, key, secret,
            exp: (now + WebhookTokenLifetime).ToUnixTimeSeconds(), nbf: now.ToUnixTimeSeconds());
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await webhooks.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"fake sfu: {webhookUrl} answered the {eventName} webhook with {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        string grant;
        try
        {
            var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            grant = Hs256Jwt.Verify(token, iss => iss == key ? secret : null).GetProperty("video").GetRawText();
        }
        catch (Exception e) when (e is JwtRejectedException or ArgumentOutOfRangeException or KeyNotFoundException)
        {
            await TwirpError(context, 401, "unauthenticated");
            return;
        }

        if (context.Request.ContentType != "application/protobuf")
        {
            await TwirpError(context, 400, "malformed");
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var fields = ReadFields(body.ToArray());
        Calls.Enqueue(new Call(method, fields, grant));
        if (FailWith is { } failure)
        {
            await TwirpError(context, failure.Status, failure.Code);
            return;
        }

        switch (method)
        {
            case "CreateRoom":
                var name = (string)fields.GetValueOrDefault(1, "");
                var created = Rooms.GetOrAdd(name, _ => time.GetUtcNow());
                await Protobuf(context, output =>
                {
                    output.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    output.WriteString(name);
                    output.WriteTag(5, WireFormat.WireType.Varint);
                    output.WriteInt64(created.ToUnixTimeSeconds());
                });
                break;
            case "GetParticipant":
                var room = (string)fields.GetValueOrDefault(1, "");
                var identity = (string)fields.GetValueOrDefault(2, "");
                if (Participants.ContainsKey((room, identity)))
                {
                    await Protobuf(context, output =>
                    {
                        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
                        output.WriteString(identity);
                    });
                }
                else
                {
                    await TwirpError(context, 404, "not_found");
                }

                break;
            default:
                await TwirpError(context, 404, "bad_route");
                break;
        }
    }

    /// <summary>Decodes any message: varints as ulong, length-delimited as UTF-8 strings.</summary>
    private static Dictionary<int, object> ReadFields(byte[] message)
    {
        var fields = new Dictionary<int, object>();
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            fields[number] = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.LengthDelimited => input.ReadString(),
                _ => throw new InvalidDataException($"unexpected wire type in field {number}"),
            };
        }

        return fields;
    }

    private static async Task Protobuf(HttpContext context, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        context.Response.ContentType = "application/protobuf";
        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    private static Task TwirpError(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { code, msg = $"fake sfu: {code}" });
    }

    public ValueTask DisposeAsync()
    {
        webhooks.Dispose();
        return server.DisposeAsync();
    }
}
