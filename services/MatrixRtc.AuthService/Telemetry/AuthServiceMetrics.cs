using System.Diagnostics.Metrics;

namespace MatrixRtc.AuthService.Telemetry;

/// <summary>The service's own OpenTelemetry instruments (meter <see cref="MeterName"/>).</summary>
public sealed class AuthServiceMetrics
{
    public const string MeterName = "MatrixRtc.AuthService";

    private readonly Counter<long> tokenRequests;
    private readonly Counter<long> roomsCreated;
    private readonly Counter<long> delegatedJobTransitions;

    public AuthServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        tokenRequests = meter.CreateCounter<long>(
            "matrixrtc.auth.token_requests", description: "Token requests by endpoint and outcome (errcode or ok).");
        roomsCreated = meter.CreateCounter<long>(
            "matrixrtc.auth.rooms_created", description: "CreateRoom calls to the SFU, by result (created or reused).");
        delegatedJobTransitions = meter.CreateCounter<long>(
            "matrixrtc.auth.delegated_jobs", description: "Delegated delayed-leave jobs entering each state.");
    }

    public void TokenRequest(string endpoint, string outcome) =>
        tokenRequests.Add(1, new("endpoint", endpoint), new("outcome", outcome));

    public void RoomCreated(bool reused) => roomsCreated.Add(1, new KeyValuePair<string, object?>("result", reused ? "reused" : "created"));

    public void DelegatedJobEntered(string state) => delegatedJobTransitions.Add(1, new KeyValuePair<string, object?>("state", state));
}
