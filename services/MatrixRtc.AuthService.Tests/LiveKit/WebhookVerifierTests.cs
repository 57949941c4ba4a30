using System.Security.Cryptography;
using System.Text;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class WebhookVerifierTests
{
    private static readonly FakeTimeProvider Time = new();
    private static readonly DateTimeOffset Now = Time.GetUtcNow();
    private static readonly LiveKitCredentials Credentials = new("devkey", "devsecret");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"participant_joined"}""");
    private readonly WebhookVerifier verifier = new(Credentials, Time);

    /// <summary>Signs like LiveKit's webhook notifier: iss = key, sha256 = padded base64 of the body.</summary>
    public static string Sign(byte[] body, string key = "devkey", string secret = "devsecret", long? exp = null, long? nbf = null, string? sha = null) =>
        Hs256Jwt.Sign(secret, claims =>
        {
            claims.WriteString("iss", key);
            if (exp is { } e)
            {
                claims.WriteNumber("exp", e);
            }

            if (nbf is { } n)
            {
                claims.WriteNumber("nbf", n);
            }

            claims.WriteString("sha256", sha ?? Convert.ToBase64String(SHA256.HashData(body)));
        });

    [Fact]
    public void Valid_signature_passes() => verifier.Verify(Sign(Body, exp: Now.ToUnixTimeSeconds() + 600), Body);

    [Fact]
    public void Expiry_within_the_60_second_leeway_passes() =>
        verifier.Verify(Sign(Body, exp: Now.ToUnixTimeSeconds() - 59), Body);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer x.y.z")]
    [InlineData("garbage")]
    public void Missing_or_malformed_authorization_is_rejected(string? header) =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(header, Body));

    [Fact]
    public void Bearer_prefix_is_not_accepted() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify("Bearer " + Sign(Body), Body));

    [Fact]
    public void Wrong_secret_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body, secret: "other"), Body));

    [Fact]
    public void Unknown_issuer_is_rejected() =>
        Assert.Contains("secret not found", Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body, key: "otherkey"), Body)).Message, StringComparison.Ordinal);

    [Fact]
    public void Expired_beyond_leeway_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body, exp: Now.ToUnixTimeSeconds() - 61), Body));

    [Fact]
    public void Not_yet_valid_beyond_leeway_is_rejected() =>
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body, nbf: Now.ToUnixTimeSeconds() + 61), Body));

    [Fact]
    public void Tampered_body_is_rejected() =>
        Assert.Contains("sha256", Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body), [.. Body, (byte)' '])).Message, StringComparison.Ordinal);

    [Fact]
    public void Unpadded_checksum_is_rejected()
    {
        var unpadded = Convert.ToBase64String(SHA256.HashData(Body)).TrimEnd('=');
        Assert.Throws<JwtRejectedException>(() => verifier.Verify(Sign(Body, sha: unpadded), Body));
    }

    [Fact]
    public void Algorithm_none_is_rejected()
    {
        var header = Hs256Jwt.Base64Url("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Sign(Body).Split('.')[1];
        Assert.Throws<JwtRejectedException>(() => verifier.Verify($"{header}.{payload}.", Body));
    }

    [Fact]
    public void Hs512_is_rejected_even_with_the_right_secret()
    {
        var genuine = Sign(Body).Split('.');
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
