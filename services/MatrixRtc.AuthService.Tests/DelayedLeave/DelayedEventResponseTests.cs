using System.Net.Http.Headers;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

public sealed class DelayedEventResponseTests
{
    private static HttpResponseHeaders Headers(string? retryAfter)
    {
        var headers = new HttpResponseMessage().Headers;
        if (retryAfter is not null)
        {
            headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return headers;
    }

    [Theory]
    [InlineData("9223372036854775807", null)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", null)]
    [InlineData(null, "{\"retry_after_ms\":9223372036854775807}")]
    public void Huge_retry_hints_are_capped_at_a_day(string? header, string? body) =>
        Assert.Equal(DelayedEventResponse.MaxRetryAfter, DelayedEventResponse.RetryAfterOf(Headers(header), body, DateTimeOffset.UtcNow));

    [Fact]
    public void Ordinary_hints_are_kept() =>
        Assert.Equal(TimeSpan.FromSeconds(10), DelayedEventResponse.RetryAfterOf(Headers("10"), "{\"retry_after_ms\":30000}", DateTimeOffset.UtcNow));
}
