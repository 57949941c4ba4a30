using System.Net;

namespace MatrixRtc.AuthService.Http;

/// <summary>Where a request came from, for the log (the address is formatted only when logged).</summary>
public sealed record CallerInfo(IPAddress? RemoteAddress, string? Origin);
