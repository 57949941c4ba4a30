using System.Net;
using System.Net.Http.Headers;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// A request body sent chunked (no Content-Length) in <paramref name="pieces"/> flushed writes with a
/// pause between them, so the server sees it arrive in several reads.
/// </summary>
public sealed class PiecewiseContent(byte[] body, int pieces, TimeSpan pause) : HttpContent
{
    public PiecewiseContent(string body, int pieces)
        : this(System.Text.Encoding.UTF8.GetBytes(body), pieces, TimeSpan.FromMilliseconds(20))
    {
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var size = (body.Length + pieces - 1) / pieces;
        for (var offset = 0; offset < body.Length; offset += size)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)));
            await stream.FlushAsync();
            await Task.Delay(pause);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
