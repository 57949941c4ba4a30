using Microsoft.AspNetCore.Hosting;

namespace MatrixRtc.AuthService.Testing;

/// <summary>Lets a test turn a listener into HTTPS without referencing Kestrel types everywhere.</summary>
public sealed class KestrelListenOptions(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions options)
{
    public void UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        options.UseHttps(certificate);
}
