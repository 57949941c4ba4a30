namespace MatrixRtc.Doctor.Http;

/// <summary>Builds the HttpClient the doctor expects: no automatic redirects (each hop is inspected), no global timeout (each request has its own).</summary>
public static class DoctorHttpClient
{
    public static HttpClient Create(bool acceptAnyCertificate = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (acceptAnyCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("rtc-doctor/0.1");
        return client;
    }
}
