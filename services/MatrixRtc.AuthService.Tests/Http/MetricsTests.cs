using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>The service's OpenTelemetry instruments count what happened, with the documented tags.</summary>
public sealed class MetricsTests : ServiceFixture
{
    [Fact]
    public async Task Token_requests_rooms_and_delegated_jobs_are_counted()
    {
        var factory = Service.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AuthServiceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measurements.Enqueue((instrument.Name, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        using (var ok = await Service.PostAsync("/get_token", ValidGetToken(delayId: "metrics", delayTimeout: 60_000)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var bad = await Service.PostAsync("/get_token", "not json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var forged = await Service.PostAsync("/sfu/get", Fakes.TokenRequestBodies.SfuGet(Homeserver.ServerName, "forged")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Contains(("matrixrtc.auth.token_requests", "endpoint=/get_token,outcome=ok"), measurements);
        Assert.Contains(("matrixrtc.auth.token_requests", "endpoint=/get_token,outcome=M_NOT_JSON"), measurements);
        Assert.Contains(("matrixrtc.auth.token_requests", "endpoint=/sfu/get,outcome=M_UNAUTHORIZED"), measurements);
        Assert.Contains(("matrixrtc.auth.rooms_created", "result=created"), measurements);
        Assert.Contains(measurements, m => m.Instrument == "matrixrtc.auth.delegated_jobs" && m.Tags.Contains("WaitingForInitialConnect", StringComparison.Ordinal));
    }
}
