using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class GoJsonStringArrayTests
{
    [Theory]
    [InlineData(new[] { "a", "b" }, """["a","b"]""")]
    [InlineData(new[] { "q\"b\\s" }, """["q\"b\\s"]""")]
    [InlineData(new[] { "\b\f\n\r\t" }, """["\b\f\n\r\t"]""")]
    [InlineData(new[] { "\u0001\u001f" }, """["\u0001\u001f"]""")]
    [InlineData(new[] { "<>&" }, """["\u003c\u003e\u0026"]""")]
    [InlineData(new[] { "\u2028\u2029" }, """["\u2028\u2029"]""")]
    [InlineData(new[] { "+é€😀/" }, "[\"+é€😀/\"]")] // raw UTF-8, '+' and '/' unescaped (System.Text.Json would escape '+')
    [InlineData(new string[0], "[]")]
    public void Encodes_like_go_encoding_json(string[] values, string expected) =>
        Assert.Equal(expected, GoJsonStringArray.EncodeToString(values));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character_as_go_does_with_invalid_utf8() =>
        Assert.Equal("[\"\ufffdx\"]", GoJsonStringArray.EncodeToString(new string(['\ud800', 'x'])));
}
