using System.IO.Pipelines;
using MatrixRtc.AuthService.Matrix;

namespace MatrixRtc.AuthService.Tests.Matrix;

public sealed class BoundedBodyTests
{
    private const int Max = 20_000;

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>A body of unknown length, as a chunked answer is.</summary>
    private static StreamContent Unannounced(byte[] body) => new(PipeReader.Create(new MemoryStream(body)).AsStream());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4097)]
    [InlineData(Max)]
    public async Task Reads_a_body_of_unknown_length_up_to_the_limit(int length)
    {
        var body = Bytes(length);
        Assert.Equal(body, await BoundedBody.ReadAsync(Unannounced(body), Max, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refuses_a_body_of_unknown_length_over_the_limit() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => BoundedBody.ReadAsync(Unannounced(Bytes(Max + 1)), Max, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Refuses_an_announced_length_over_the_limit_before_reading()
    {
        var content = new StreamContent(new MemoryStream(Bytes(10)));
        content.Headers.ContentLength = Max + 1;
        await Assert.ThrowsAsync<InvalidDataException>(() => BoundedBody.ReadAsync(content, Max, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_body_longer_than_announced_is_read_to_its_end()
    {
        var body = Bytes(9_000);
        var content = Unannounced(body);
        content.Headers.ContentLength = 10;
        Assert.Equal(body, await BoundedBody.ReadAsync(content, Max, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_body_longer_than_announced_still_meets_the_limit()
    {
        var content = Unannounced(Bytes(Max + 1));
        content.Headers.ContentLength = 10;
        await Assert.ThrowsAsync<InvalidDataException>(() => BoundedBody.ReadAsync(content, Max, TestContext.Current.CancellationToken));
    }
}
