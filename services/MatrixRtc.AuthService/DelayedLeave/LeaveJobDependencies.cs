using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>What every job talks to; shared by all jobs of a registry.</summary>
internal sealed record LeaveJobDependencies(
    IDelayedEventClient DelayedEvents,
    IClientServerApiResolver ClientServerApis,
    ILiveKitRoomService LiveKit,
    DelayedLeaveOptions Options,
    AuthServiceMetrics Metrics,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
