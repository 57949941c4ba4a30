using System.Collections.Concurrent;
using System.Diagnostics;
using MatrixRtc.AuthService.Tests.DelayedLeave;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Tests.Configuration;

/// <summary>
/// The real binary with the OTEL_* variables Aspire sets exports traces, metrics and logs over OTLP
/// (here OTLP/HTTP protobuf to a loopback receiver). A child process, because the variables are process-wide.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_reach_the_otlp_endpoint()
    {
        var received = new ConcurrentDictionary<string, string>();
        await using var collector = await LoopbackHttpServer.StartAsync(app => app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            received[signal] = context.Request.ContentType ?? "";
            return Results.Ok();
        }));
        var port = ServiceBinary.FreePort();
        var start = ServiceBinary.StartInfo(ServiceBinary.MinimalEnvironment(port,
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl.ToString().TrimEnd('/')),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_SERVICE_NAME", "auth-service"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "300"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            ("OTEL_BLRP_SCHEDULE_DELAY", "100")));

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(() => ServiceBinary.Answers(http, "/healthz"), "the service answers /healthz", TimeSpan.FromSeconds(20));
            await http.PostAsync("/get_token", new StringContent("{}"), TestContext.Current.CancellationToken);

            await Eventually.TrueAsync(() => received.ContainsKey("traces") && received.ContainsKey("metrics") && received.ContainsKey("logs"),
                "traces, metrics and logs exported", TimeSpan.FromSeconds(20));
            Assert.All(received.Values, contentType => Assert.Equal("application/x-protobuf", contentType));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
