namespace MatrixRtc.Doctor.Matrix;

/// <summary>The homeserver refused a request or could not be reached. <see cref="Exception.Message"/> is safe to show.</summary>
public sealed class MatrixApiException(string message, int status, string? errCode, string? error, TimeSpan? retryAfter = null)
    : Exception(message)
{
    /// <summary>HTTP status; 0 when no response arrived.</summary>
    public int Status => status;

    public string? ErrCode => errCode;

    /// <summary>The homeserver's own error text.</summary>
    public string? Error => error;

    public TimeSpan? RetryAfter => retryAfter;
}
