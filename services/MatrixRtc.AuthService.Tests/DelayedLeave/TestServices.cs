using System.Diagnostics.Metrics;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

internal static class TestServices
{
    public static AuthServiceMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
