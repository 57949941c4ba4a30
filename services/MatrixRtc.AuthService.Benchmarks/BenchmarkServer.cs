using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>The bare ASP.NET Core app every reference server of the benchmark starts from: no logging, one loopback port.</summary>
public static class BenchmarkServer
{
    public static WebApplication Create(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }
}
