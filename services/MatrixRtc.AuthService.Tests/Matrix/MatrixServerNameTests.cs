using MatrixRtc.AuthService.Matrix;

namespace MatrixRtc.AuthService.Tests.Matrix;

public sealed class MatrixServerNameTests
{
    [Theory]
    [InlineData("example.com", "example.com", null, false)]
    [InlineData("example.com:8448", "example.com", 8448, false)]
    [InlineData("127.0.0.1", "127.0.0.1", null, true)]
    [InlineData("127.0.0.1:40123", "127.0.0.1", 40123, true)]
    [InlineData("[::1]", "::1", null, true)]
    [InlineData("[2001:db8::7334]:1234", "2001:db8::7334", 1234, true)]
    [InlineData("lab.localhost", "lab.localhost", null, false)]
    [InlineData("1.2.3", "1.2.3", null, false)]
    public void Valid(string value, string host, int? port, bool ipLiteral)
    {
        Assert.True(MatrixServerName.TryParse(value, out var name));
        Assert.Equal(new MatrixServerName(host, port, ipLiteral), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exa mple.com")]
    [InlineData("example.com/path")]
    [InlineData("example.com:")]
    [InlineData("example.com:0")]
    [InlineData("example.com:65536")]
    [InlineData("example.com:80:80")]
    [InlineData("[::1")]
    [InlineData("[127.0.0.1]")]
    [InlineData("::1")]
    [InlineData("user@example.com")]
    [InlineData("example.com?x")]
    public void Invalid(string value) => Assert.False(MatrixServerName.TryParse(value, out _));

    [Fact]
    public void Ipv6_goes_into_urls_in_brackets()
    {
        Assert.True(MatrixServerName.TryParse("[::1]:5", out var name));
        Assert.Equal("[::1]", name.UrlHost);
    }
}
