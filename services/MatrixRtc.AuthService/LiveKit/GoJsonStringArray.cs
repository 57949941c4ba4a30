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
    public static byte[] Encode(params ReadOnlySpan<string> values) => Encoding.UTF8.GetBytes(EncodeToString(values));

    public static string EncodeToString(params ReadOnlySpan<string> values)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            AppendString(json, values[i]);
        }

        return json.Append(']').ToString();
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var rune in EnumerateRunes(value))
        {
            switch (rune.Value)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029:
                case < 0x20:
                    json.Append("\\u").Append(rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: json.Append(rune.ToString()); break;
            }
        }

        json.Append('"');
    }

    private static IEnumerable<Rune> EnumerateRunes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            yield return rune;
            i += consumed;
        }
    }
}
