using System.Text.RegularExpressions;

namespace MatrixRtc.Doctor.Http;

/// <summary>
/// Removes every secret the doctor handles (access tokens, OpenID tokens, LiveKit JWTs and keys) from
/// text before it reaches a report, a log or the console.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private readonly List<string> _secrets = [];

    /// <summary>Registers a value that must never be shown. Short values are ignored (they would mask ordinary words).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 6)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                _secrets.Add(secret);
            }
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        string[] secrets;
        lock (_gate)
        {
            secrets = [.. _secrets.OrderByDescending(s => s.Length)];
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        // Anything that still looks like a credential (a JWT, a bearer value, a token query parameter).
        text = JwtPattern().Replace(text, Mask);
        text = BearerPattern().Replace(text, "Bearer " + Mask);
        return TokenParameterPattern().Replace(text, m => m.Groups[1].Value + Mask);
    }

    /// <summary>The URL as it may be shown: query values of token parameters masked.</summary>
    public string Display(Uri url) => Redact(url.ToString());

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]+")]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"((?:access_token|token)=)[^&\s""]+")]
    private static partial Regex TokenParameterPattern();
}
