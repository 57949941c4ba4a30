using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>
/// Stands in for LiveKit on the lab's LiveKit port: LiveKit's Twirp RoomService over protobuf. It
/// answers CreateRoom with an empty Room (a valid protobuf message) and records each call's bearer
/// token, which the tests verify independently.
/// </summary>
public sealed class TestSfu : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSfu(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, string BearerToken)> Calls { get; } = new();

    public static async Task<TestSfu> StartAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sfu = new TestSfu(app);
        app.MapPost("/twirp/livekit.RoomService/{method}", (string method, HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            sfu.Calls.Enqueue((method, authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : ""));
            return Results.Bytes([], "application/protobuf");
        });
        await app.StartAsync(ct);
        return sfu;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
