using System.Buffers;
using System.IO.Pipelines;
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
        where T : class, new()
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new MatrixErrorException(MatrixError.TooLarge);
        }

        try
        {
            return await ReadBoundedAsync(request.BodyReader, MaxBytes, body => Decode(body, type), cancellationToken)
                ?? throw new MatrixErrorException(MatrixError.TooLarge);
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
    }

    /// <summary>
    /// Buffers the whole body in the request's own pipe (no copy) and hands it to <paramref name="use"/>.
    /// </summary>
    /// <returns>What <paramref name="use"/> returns, or null when the body is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<TResult?> ReadBoundedAsync<TResult>(
        PipeReader body, int maxBytes, Func<ReadOnlySequence<byte>, TResult> use, CancellationToken cancellationToken)
        where TResult : class
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                body.AdvanceTo(buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                try
                {
                    return use(buffer);
                }
                finally
                {
                    body.AdvanceTo(buffer.End);
                }
            }

            body.AdvanceTo(buffer.Start, buffer.End); // nothing consumed yet: wait for more
        }
    }

    /// <summary>Like Go's json.Decoder.Decode: the first value only; trailing content is not read.</summary>
    private static T Decode<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> type)
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
}
