using MatrixRtc.AuthService.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MatrixRtc.AuthService.Tests.Configuration;

/// <summary>
/// Without OTEL_EXPORTER_OTLP_ENDPOINT the service registers no OpenTelemetry provider, so nothing listens to
/// ASP.NET Core's or HttpClient's activities and meters and a request pays nothing for telemetry.
/// </summary>
public sealed class TelemetryWithoutEndpointTests : ServiceFixture
{
    [Fact]
    public void No_tracer_meter_or_logger_provider_is_registered()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")), "run the tests without OTEL_EXPORTER_OTLP_ENDPOINT");
        Assert.Null(Service.Services.GetService<TracerProvider>());
        Assert.Null(Service.Services.GetService<MeterProvider>());
        Assert.Null(Service.Services.GetService<LoggerProvider>());
    }
}
