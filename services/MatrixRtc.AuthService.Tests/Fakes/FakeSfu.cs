using System.Collections.Concurrent;
using Google.Protobuf;
using MatrixRtc.AuthService.LiveKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// A LiveKit SFU's RoomService over Twirp with protobuf bodies: CreateRoom and GetParticipant, with
/// the bearer server token checked against the API key and secret. Records every call.
/// </summary>
public sealed class FakeSfu : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;
    private readonly string key;
    private readonly string secret;

    private FakeSfu(LoopbackHttpServer server, string key, string secret)
    {
        this.server = server;
        this.key = key;
        this.secret = secret;
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

    public static async Task<FakeSfu> StartAsync(string key, string secret)
    {
        FakeSfu? sfu = null;
        var server = await LoopbackHttpServer.StartAsync(app =>
            app.MapPost("/twirp/livekit.RoomService/{method}", (string method, HttpContext context) => sfu!.HandleAsync(method, context)));
        sfu = new FakeSfu(server, key, secret);
        return sfu;
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
                var created = Rooms.GetOrAdd(name, _ => DateTimeOffset.UtcNow);
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

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
