using System.CommandLine.Parsing;

namespace MatrixRtc.Doctor.Cli;

/// <summary>Parses absolute http(s) or ws(s) URLs for URL options.</summary>
internal static class UrlParser
{
    public static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss")
        {
            return url;
        }

        result.AddError($"'{text}' is not an absolute http(s):// or ws(s):// URL for {DurationParser.OptionName(result)}");
        return null;
    }
}
