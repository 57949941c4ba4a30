using MatrixRtc.AuthService.Redis;

namespace MatrixRtc.AuthService.Tests.Redis;

public sealed class GoStoredJobFormatTests
{
    [Theory]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-01-01T25:00:00Z")]
    [InlineData("2026-01-01T00:00:00+15:00")]
    public void Times_that_fit_the_pattern_but_not_the_calendar_are_a_format_error(string restartedAt)
    {
        var value = $$$"""{"Params":{"DelayId":"d","DelayTimeout":1000000000,"ServerName":"x","LiveKitRoom":"r","LiveKitIdentity":"i"},"RestartedAt":"{{{restartedAt}}}"}""";
        Assert.Throws<FormatException>(() => GoStoredJobFormat.Decode(value));
    }
}
