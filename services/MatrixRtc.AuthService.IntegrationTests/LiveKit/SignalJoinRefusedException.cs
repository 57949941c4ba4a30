using System.Net;

namespace MatrixRtc.AuthService.IntegrationTests.LiveKit;

/// <summary>LiveKit refused the signalling WebSocket; <see cref="Status"/> is its HTTP answer.</summary>
public sealed class SignalJoinRefusedException(HttpStatusCode status, string message, Exception inner) : Exception(message, inner)
{
    public HttpStatusCode Status { get; } = status;
}
