using System.Security.Cryptography;
using System.Text;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class WebhookVerifierTests
{
    private static readonly FakeTimeProvider Time = new();
    private static readonly DateTimeOffset Now = Time.GetUtcNow();
    private static readonly LiveKitCredentials Credentials = new("devkey", "devsecret");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"participant_joined"}""");
    private readonly WebhookVerifier verifier = new(Credentials, Time);

    [Fact]
    public void Valid_signature_passes() => verifier.Verify(WebhookSigner.Sign(Body, exp: Now.ToUnixTimeSeconds() + 600), Body);

    [Fact]
    public void Expiry_within_the_60_second_leeway_passes() =>
        verifier.Verify(WebhookSigner.Sign(Body, exp: Now.ToUnixTimeSeconds() - 59), Body);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer x.y.z")]
    [InlineData("garbage")]
    public void Missing_or_malformed_authorization_is_rejected(string? header) =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(header, Body));

    [Fact]
    public void Bearer_prefix_is_not_accepted() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify("Bearer " + WebhookSigner.Sign(Body), Body));

    [Fact]
    public void Wrong_secret_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body, secret: "other"), Body));

    [Fact]
    public void Unknown_issuer_is_rejected() =>
        Assert.Contains("secret not found", Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body, key: "otherkey"), Body)).Message, StringComparison.Ordinal);

    [Fact]
    public void Expired_beyond_leeway_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body, exp: Now.ToUnixTimeSeconds() - 61), Body));

    [Fact]
    public void Not_yet_valid_beyond_leeway_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body, nbf: Now.ToUnixTimeSeconds() + 61), Body));

    [Fact]
    public void Tampered_body_is_rejected() =>
        Assert.Contains("sha256", Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body), [.. Body, (byte)' '])).Message, StringComparison.Ordinal);

    [Fact]
    public void Unpadded_checksum_is_rejected()
    {
        var unpadded = Convert.ToBase64String(SHA256.HashData(Body)).TrimEnd('=');
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(WebhookSigner.Sign(Body, sha: unpadded), Body));
    }

    [Fact]
    public void Algorithm_none_is_rejected()
    {
        var header = Hs256Jwt.Base64Url("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = WebhookSigner.Sign(Body).Split('.')[1];
        Assert.Throws<JwtRejectedException>(() => verifier.Verify($"{header}.{payload}.", Body));
    }

    [Fact]
    public void Hs512_is_rejected_even_with_the_right_secret()
    {
        var genuine = WebhookSigner.Sign(Body).Split('.');
        var header = Hs256Jwt.Base64Url("""{"alg":"HS512","typ":"JWT"}"""u8);
        var signature = Hs256Jwt.Base64Url(HMACSHA512.HashData("devsecret"u8, Encoding.ASCII.GetBytes(header + "." + genuine[1])));
        Assert.Throws<JwtRejectedException>(() => verifier.Verify($"{header}.{genuine[1]}.{signature}", Body));
    }

    [Theory]
    [InlineData("WzFd")] // [1]
    [InlineData("Ingi")] // "x"
    [InlineData("bnVsbA")] // null
    public void Header_that_is_json_but_not_an_object_is_rejected(string header) =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify($"{header}.e30.xx", Body));
}
