using System.Net;

namespace MatrixRtc.AuthService.Testing;

/// <summary>An SFU refused a participant's join; <see cref="Status"/> is its HTTP answer (404: no such room).</summary>
public sealed class SfuJoinRefusedException(HttpStatusCode status, string message, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode Status { get; } = status;
}
