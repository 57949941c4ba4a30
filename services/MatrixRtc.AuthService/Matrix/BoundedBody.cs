namespace MatrixRtc.AuthService.Matrix;

/// <summary>Reads a response body, refusing one larger than a limit.</summary>
public static class BoundedBody
{
    /// <exception cref="InvalidDataException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException($"response body larger than {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
