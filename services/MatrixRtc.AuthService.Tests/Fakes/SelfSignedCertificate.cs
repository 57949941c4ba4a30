using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>A throw-away certificate for 127.0.0.1 and localhost, generated per test run.</summary>
public static class SelfSignedCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(Create);

    /// <summary>One certificate per test run: generating an RSA key takes most of a second.</summary>
    public static X509Certificate2 ForLoopback() => Shared.Value;

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
