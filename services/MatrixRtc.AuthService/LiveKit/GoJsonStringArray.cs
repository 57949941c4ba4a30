using System.Buffers;
using System.Globalization;
using System.Text;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// Serialises a string array exactly as Go's encoding/json does: no whitespace, short escapes for
/// \b \f \n \r \t, \u00xx for other control characters, and <c>&lt; &gt; &amp;</c> U+2028 U+2029 escaped
/// as \u003c \u003e \u0026 \u2028 \u2029; every other character raw UTF-8. The room and identity
/// hashes and the Redis job keys depend on these exact bytes, which System.Text.Json does not produce.
/// Invalid UTF-16 (a lone surrogate) becomes U+FFFD, as Go does with invalid UTF-8.
/// </summary>
public static class GoJsonStringArray
{
    public static string EncodeToString(params ReadOnlySpan<string> values)
    {
        var json = new ArrayBufferWriter<byte>(256);
        Write(json, values);
        return Encoding.UTF8.GetString(json.WrittenSpan);
    }

    /// <summary>Writes the UTF-8 encoding of <paramref name="values"/> to <paramref name="json"/>.</summary>
    public static void Write(IBufferWriter<byte> json, params ReadOnlySpan<string> values)
    {
        json.Write("["u8);
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                json.Write(","u8);
            }

            WriteString(json, values[i]);
        }

        json.Write("]"u8);
    }

    private static void WriteString(IBufferWriter<byte> json, string value)
    {
        json.Write("\""u8);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            rest = rest[consumed..];
            switch (rune.Value)
            {
                case '"': json.Write("\\\""u8); break;
                case '\\': json.Write("\\\\"u8); break;
                case '\b': json.Write("\\b"u8); break;
                case '\f': json.Write("\\f"u8); break;
                case '\n': json.Write("\\n"u8); break;
                case '\r': json.Write("\\r"u8); break;
                case '\t': json.Write("\\t"u8); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029:
                case < 0x20:
                    WriteUnicodeEscape(json, rune.Value);
                    break;
                default:
                    json.Advance(rune.EncodeToUtf8(json.GetSpan(4)));
                    break;
            }
        }

        json.Write("\""u8);
    }

    private static void WriteUnicodeEscape(IBufferWriter<byte> json, int codePoint)
    {
        var escape = json.GetSpan(6);
        escape[0] = (byte)'\\';
        escape[1] = (byte)'u';
        codePoint.TryFormat(escape[2..], out var digits, "x4", CultureInfo.InvariantCulture);
        json.Advance(2 + digits);
    }
}
