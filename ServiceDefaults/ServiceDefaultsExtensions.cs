using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MatrixRtcLab.ServiceDefaults;

/// <summary>
/// What every lab service shares, as in Aspire's service-defaults template: OpenTelemetry to the dashboard's
/// OTLP endpoint (only when one is configured), health checks behind /health and /alive, and service
/// discovery. Unlike the template, HttpClients get neither a resilience handler nor discovery by default:
/// each client that should have them asks for them (docs/auth-service.md, "Outgoing calls").
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, ServiceDefaultsOptions? options = null)
        where TBuilder : IHostApplicationBuilder
    {
        options ??= new ServiceDefaultsOptions();
        builder.AddOpenTelemetryWhenExporting(options);
        builder.AddDefaultHealthChecks();
        // The resolvers (configuration "services:<name>:<endpoint>", else the name as given), used only by
        // clients built with .AddServiceDiscovery() and by code that asks ServiceEndpointResolver.
        builder.Services.AddServiceDiscovery();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app) => app.MapHealthEndpoints();
}
