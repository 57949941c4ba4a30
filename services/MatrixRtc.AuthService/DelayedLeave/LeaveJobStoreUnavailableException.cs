namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// The configured store cannot be used at start-up. The message is the Go service's, e.g.
/// <c>store: invalid Redis URL "…": …</c> or <c>store: Redis ping failed: …</c> (passwords redacted);
/// the host logs "Could not connect Redis store: " + message and exits with status 1.
/// </summary>
public sealed class LeaveJobStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
