using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MatrixRtcLab.E2E.Pages;

/// <summary>
/// Watches a page (all its frames) for Element Call asking for a LiveKit token: <c>/get_token</c>
/// (Matrix 2.0 mode) or <c>/sfu/get</c> (legacy and compatibility modes).
/// </summary>
public sealed class AuthServiceRequests
{
    private readonly ConcurrentQueue<(Uri Url, int Status)> _seen = new();

    public AuthServiceRequests(IPage page) =>
        page.Response += (_, response) =>
        {
            var url = new Uri(response.Url);
            // Only the token POSTs; a CORS preflight (OPTIONS) for the same path is not a token.
            var isTokenPath = url.AbsolutePath.EndsWith("/get_token", StringComparison.Ordinal)
                || url.AbsolutePath.EndsWith("/sfu/get", StringComparison.Ordinal);
            if (isTokenPath && response.Request.Method == "POST")
            {
                _seen.Enqueue((url, response.Status));
            }
        };

    public IReadOnlyCollection<(Uri Url, int Status)> Seen => _seen;
}
