using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MatrixRtcLab.ServiceDefaults;

/// <summary>
/// Wires the OpenTelemetry SDK by hand: OpenTelemetry.Extensions.Hosting is not on every feed,
/// so the tracer and meter providers are built here and owned by the DI container (disposed,
/// and so flushed, on shutdown). Export happens only when OTEL_EXPORTER_OTLP_ENDPOINT is set,
/// as Aspire does for every resource.
/// </summary>
public static class LabTelemetry
{
    // Sources the framework emits natively on .NET 9+, so no instrumentation packages are needed.
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];
    private static readonly string[] FrameworkActivitySources = ["Microsoft.AspNetCore", "System.Net.Http"];

    public static TBuilder AddLabTelemetry<TBuilder>(this TBuilder builder, LabTelemetryOptions options)
        where TBuilder : IHostApplicationBuilder
    {
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter();
        });

        builder.Services.AddSingleton(_ => new LabTelemetryProviders(
            Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource([.. FrameworkActivitySources, .. options.ActivitySources])
                .AddOtlpExporter()
                .Build(),
            Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter([.. FrameworkMeters, .. options.Meters])
                .AddOtlpExporter() // interval from OTEL_METRIC_EXPORT_INTERVAL, which Aspire sets for the dashboard
                .Build()));
        builder.Services.AddHostedService<LabTelemetryStarter>();
        return builder;
    }
}
