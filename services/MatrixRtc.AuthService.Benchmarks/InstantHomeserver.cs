using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>A homeserver whose federation OpenID userinfo answers at once: every token is @bench:&lt;server name&gt;.</summary>
public static class InstantHomeserver
{
    public static async Task<int> RunAsync(int port, string serverName)
    {
        var answer = System.Text.Encoding.UTF8.GetBytes($$"""{"sub":"@bench:{{serverName}}"}""");
        var app = BenchmarkServer.Create(port);
        app.MapGet("/_matrix/federation/v1/openid/userinfo", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length; // as Synapse sends it
            await context.Response.Body.WriteAsync(answer);
        });
        await app.RunAsync();
        return 0;
    }
}
