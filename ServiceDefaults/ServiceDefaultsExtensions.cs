using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MatrixRtcLab.ServiceDefaults;

/// <summary>
/// What every lab service shares: OpenTelemetry logs, metrics and traces to the dashboard's OTLP
/// endpoint, and the /health and /alive endpoints Aspire probes.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LivenessTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, LabTelemetryOptions? telemetry = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddLabTelemetry(telemetry ?? new LabTelemetryOptions());
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LivenessTag]);
        return builder;
    }

    /// <summary>/health: every check; /alive: only the liveness ones.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LivenessTag) });
        return app;
    }
}
