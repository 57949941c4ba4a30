namespace MatrixRtc.AuthService.Matrix;

/// <summary>
/// Finds the Client-Server API base URL of a homeserver from its server name: the
/// LIVEKIT_CS_API_URL_OVERRIDES entry, else a cached or fresh <c>.well-known/matrix/client</c>.
/// </summary>
public interface IClientServerApiResolver
{
    /// <returns>The base URL verbatim from the source, or null when it cannot be resolved.</returns>
    Task<Uri?> ResolveAsync(string serverName, CancellationToken cancellationToken);
}
