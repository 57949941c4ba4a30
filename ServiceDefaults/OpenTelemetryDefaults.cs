using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MatrixRtcLab.ServiceDefaults;

/// <summary>
/// OpenTelemetry as Aspire's service-defaults template sets it up (OpenTelemetry.Extensions.Hosting: logs;
/// ASP.NET Core, HttpClient and runtime instrumentation; the service's own meters and sources; OTLP export
/// configured by the standard OTEL_* variables), with one difference: without OTEL_EXPORTER_OTLP_ENDPOINT
/// (which Aspire sets for every resource) nothing at all is registered, so no listener makes the framework
/// start an Activity or record a measurement for each request.
/// </summary>
public static class OpenTelemetryDefaults
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    public static TBuilder AddOpenTelemetryWhenExporting<TBuilder>(this TBuilder builder, ServiceDefaultsOptions options)
        where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            AddOpenTelemetry(builder, options);
        }

        return builder;
    }

    // Not inlined, so a service that does not export never even loads the OpenTelemetry assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetry(IHostApplicationBuilder builder, ServiceDefaultsOptions options)
    {
        var applicationName = builder.Environment.ApplicationName;
        PathString[] untraced = [HealthEndpoints.HealthPath, HealthEndpoints.AlivePath, .. options.UntracedPaths.Select(path => new PathString(path))];

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameVariable]))
        {
            // The SDK would say "unknown_service"; the instance id stays whatever OTEL_RESOURCE_ATTRIBUTES says.
            telemetry.ConfigureResource(resource => resource.AddService(applicationName, autoGenerateServiceInstanceId: false));
        }

        telemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([.. options.Meters]))
            .WithTracing(tracing => tracing
                .AddSource([applicationName, .. options.ActivitySources])
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context => !untraced.Any(path => context.Request.Path.StartsWithSegments(path)))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter(); // protocol, headers, intervals and batch delays from the OTEL_* variables
    }
}
