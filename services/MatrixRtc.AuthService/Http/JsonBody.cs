using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.AuthService.Http;

/// <summary>Reads one JSON value from a request body into a request type, or fails with a Matrix error.</summary>
public static class JsonBody
{
    /// <summary>Larger bodies get 413 M_TOO_LARGE; a real request is well under 4 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <exception cref="MatrixErrorException">M_NOT_JSON for anything not decodable, M_TOO_LARGE for a body over <see cref="MaxBytes"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : new()
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new MatrixErrorException(MatrixError.TooLarge);
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, MaxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            // Malformed chunking and the like: Go's decoder would fail to read it too.
            throw new MatrixErrorException(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? MatrixError.TooLarge : MatrixError.NotJson);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MatrixErrorException(MatrixError.NotJson);
        }

        return Decode(body ?? throw new MatrixErrorException(MatrixError.TooLarge), type);
    }

    /// <summary>Like Go's json.Decoder.Decode: the first value only; trailing content is not read.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type)
        where T : new()
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
            return JsonSerializer.Deserialize(ref reader, type) ?? new T(); // top-level null decodes to an empty request, as in Go
        }
        catch (JsonException)
        {
            throw new MatrixErrorException(MatrixError.NotJson);
        }
    }

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
