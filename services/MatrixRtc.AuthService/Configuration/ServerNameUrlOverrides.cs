namespace MatrixRtc.AuthService.Configuration;

/// <summary>
/// The <c>server_name=url</c>, comma-separated grammar of LIVEKIT_CS_API_URL_OVERRIDES (and of our
/// LIVEKIT_FEDERATION_URL_OVERRIDES): each entry is cut at its first <c>=</c>, both sides trimmed
/// and non-empty; keys are literal; a later duplicate wins.
/// </summary>
public static class ServerNameUrlOverrides
{
    public static IReadOnlyDictionary<string, string> Parse(string value, string variable)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.Length == 0)
        {
            return overrides;
        }

        foreach (var entry in value.Split(','))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var serverName = equals < 0 ? "" : entry[..equals].Trim();
            var url = equals < 0 ? "" : entry[(equals + 1)..].Trim();
            if (serverName.Length == 0 || url.Length == 0)
            {
                throw new ConfigurationException(variable,
                    $"failed parsing {variable}: invalid entry \"{entry}\", expected server_name=url");
            }

            overrides[serverName] = url;
        }

        return overrides;
    }
}
