namespace MatrixRtc.AuthService.LiveKit;

/// <summary>A JWT failed verification; the message says why (never the token).</summary>
public sealed class JwtRejectedException(string reason) : Exception(reason);
