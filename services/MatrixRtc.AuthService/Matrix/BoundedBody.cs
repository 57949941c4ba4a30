using System.Buffers;

namespace MatrixRtc.AuthService.Matrix;

/// <summary>Reads a response body, refusing one larger than a limit.</summary>
public static class BoundedBody
{
    /// <exception cref="InvalidDataException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        // One pooled buffer sized for the announced length (still read to the end: a length can lie).
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes, content.Headers.ContentLength ?? 4096) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static InvalidDataException TooLarge(int maxBytes) => new($"response body larger than {maxBytes} bytes");
}
