using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json.Nodes;

namespace MatrixRtc.Doctor.Http;

/// <summary>
/// Sends one request with its own timeout and turns every outcome into a <see cref="ProbeResponse"/>;
/// it never throws for network problems (only for cancellation by the caller). Redirects are not
/// followed here: the client should be built by <see cref="DoctorHttpClient.Create"/> so each hop is visible.
/// </summary>
public sealed class HttpProber(HttpClient http, TimeSpan timeout, SecretRedactor redactor, TimeProvider time)
{
    private const int MaxBodyChars = 256 * 1024;

    public SecretRedactor Redactor => redactor;

    public TimeSpan Timeout => timeout;

    public Task<ProbeResponse> GetAsync(Uri url, string? bearer = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, url, bearer, body: null, cancellationToken);

    public async Task<ProbeResponse> SendAsync(
        HttpMethod method,
        Uri url,
        string? bearer,
        JsonNode? body,
        CancellationToken cancellationToken)
    {
        redactor.Add(bearer);
        using var request = new HttpRequestMessage(method, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            if (text.Length > MaxBodyChars)
            {
                text = text[..MaxBodyChars];
            }

            return new ProbeResponse
            {
                Url = url,
                Status = response.StatusCode,
                Headers = headers,
                Body = text,
                Elapsed = time.GetElapsedTime(started),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, $"no answer from {redactor.Display(url)} within {timeout.TotalSeconds:0.#} s", started);
        }
        catch (HttpRequestException e)
        {
            return Failed(url, $"{method} {redactor.Display(url)} failed: {Explain(e)}", started);
        }
    }

    private ProbeResponse Failed(Uri url, string error, long started) => new()
    {
        Url = url,
        Error = redactor.Redact(error),
        Elapsed = time.GetElapsedTime(started),
    };

    private static string Explain(HttpRequestException e) => e.InnerException switch
    {
        AuthenticationException tls => $"TLS error ({tls.Message})",
        System.Net.Sockets.SocketException socket => socket.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
            System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData => "host name does not resolve",
            System.Net.Sockets.SocketError.TimedOut => "connection timed out",
            _ => socket.Message,
        },
        _ => e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name does not resolve",
            HttpRequestError.ConnectionError => "could not connect",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => e.Message,
        },
    };
}
