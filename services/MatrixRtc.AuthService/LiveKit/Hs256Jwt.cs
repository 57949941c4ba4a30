using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Base64UrlEncoding = System.Buffers.Text.Base64Url;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>Compact JWS with HMAC-SHA256, the only form LiveKit uses for access tokens and webhooks.</summary>
public static class Hs256Jwt
{
    private static readonly byte[] EncodedHeader = Base64UrlEncoding.EncodeToUtf8("""{"alg":"HS256","typ":"JWT"}"""u8);
    private static readonly int EncodedSignatureLength = Base64UrlEncoding.GetEncodedLength(HMACSHA256.HashSizeInBytes);

    /// <summary>Signs the claims <paramref name="writeClaims"/> writes into the payload object.</summary>
    public static string Sign(string secret, Action<Utf8JsonWriter> writeClaims)
    {
        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writeClaims(writer);
            writer.WriteEndObject();
        }

        // header.payload.signature, built in one buffer: the first two parts are the signing input.
        var signingInputLength = EncodedHeader.Length + 1 + Base64UrlEncoding.GetEncodedLength(payload.WrittenCount);
        var token = new byte[signingInputLength + 1 + EncodedSignatureLength];
        EncodedHeader.CopyTo(token, 0);
        token[EncodedHeader.Length] = (byte)'.';
        Base64UrlEncoding.EncodeToUtf8(payload.WrittenSpan, token.AsSpan(EncodedHeader.Length + 1));
        token[signingInputLength] = (byte)'.';

        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), token.AsSpan(0, signingInputLength), signature);
        Base64UrlEncoding.EncodeToUtf8(signature, token.AsSpan(signingInputLength + 1));
        return Encoding.ASCII.GetString(token);
    }

    /// <summary>
    /// Checks the form, <c>alg</c> = HS256 and the signature with the secret that
    /// <paramref name="secretForIssuer"/> gives for the token's <c>iss</c>; returns the claims.
    /// </summary>
    /// <exception cref="JwtRejectedException">Why the token is not acceptable.</exception>
    public static JsonElement Verify(string token, Func<string, string?> secretForIssuer)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new JwtRejectedException("not a compact JWS");
        }

        using var header = ParseSegment(parts[0], "header");
        if (header.RootElement.ValueKind != JsonValueKind.Object
            || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
        {
            throw new JwtRejectedException("signing method is not HS256");
        }

        using var payload = ParseSegment(parts[1], "payload");
        var claims = payload.RootElement.Clone();
        if (claims.ValueKind != JsonValueKind.Object)
        {
            throw new JwtRejectedException("claims are not an object");
        }

        var issuer = claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString()! : "";
        var secret = secretForIssuer(issuer) ?? throw new JwtRejectedException("secret not found for the token's issuer");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!TryDecode(parts[2], out var signature) || !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            throw new JwtRejectedException("signature is invalid");
        }

        return claims;
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Base64UrlEncoding.EncodeToString(bytes);

    private static JsonDocument ParseSegment(string segment, string name)
    {
        if (!TryDecode(segment, out var bytes))
        {
            throw new JwtRejectedException($"{name} is not base64url");
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            throw new JwtRejectedException($"{name} is not JSON");
        }
    }

    private static bool TryDecode(string segment, out byte[] bytes)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
