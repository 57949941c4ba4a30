using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>This machine's floor: the most trivial ASP.NET Core endpoint, a POST answering fixed JSON.</summary>
public static class FloorServer
{
    private static readonly byte[] Answer = """{"url":"ws://127.0.0.1:7880","jwt":"x"}"""u8.ToArray();

    public static async Task<int> RunAsync(int port)
    {
        var app = BenchmarkServer.Create(port);
        app.MapPost("/get_token", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Answer);
        });
        await app.RunAsync();
        return 0;
    }
}
