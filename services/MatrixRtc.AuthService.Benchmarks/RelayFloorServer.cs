using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>
/// The floor plus the one thing every token request must do: a GET of the homeserver's userinfo over a
/// pooled keep-alive connection. No decoding, no validation, no token. What the machine gives any
/// service that asks the homeserver once per request, so the real service can be judged against it.
/// </summary>
public static class RelayFloorServer
{
    private static readonly byte[] Answer = """{"url":"ws://127.0.0.1:7880","jwt":"x"}"""u8.ToArray();

    public static async Task<int> RunAsync(int port, Uri userInfo)
    {
        using var homeserver = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var app = BenchmarkServer.Create(port);
        app.MapPost("/get_token", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            using (var response = await homeserver.GetAsync(userInfo, context.RequestAborted))
            {
                await response.Content.CopyToAsync(Stream.Null);
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Answer);
        });
        await app.RunAsync();
        return 0;
    }
}
