using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MatrixRtcLab.ServiceDefaults;

/// <summary>The built providers; disposing them flushes pending telemetry.</summary>
public sealed class LabTelemetryProviders(TracerProvider tracing, MeterProvider metrics) : IDisposable
{
    public void Dispose()
    {
        tracing.Dispose();
        metrics.Dispose();
    }
}
