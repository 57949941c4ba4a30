namespace MatrixRtc.AuthService.Http;

/// <summary>Where a request came from, for the log.</summary>
public sealed record CallerInfo(string? RemoteAddress, string? Origin);
