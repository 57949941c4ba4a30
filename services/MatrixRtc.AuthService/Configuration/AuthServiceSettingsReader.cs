using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Configuration;

/// <summary>
/// Reads <see cref="AuthServiceSettings"/> from the environment in lk-jwt-service's order, with its
/// defaults, precedence rules and error messages; the first problem throws a
/// <see cref="ConfigurationException"/> naming the variable.
/// </summary>
public sealed class AuthServiceSettingsReader(Func<string, string?> environment, Func<string, string> readFile)
{
    /// <summary>The only value that turns TLS verification off.</summary>
    public const string SkipVerifyTlsMagic = "YES_I_KNOW_WHAT_I_AM_DOING";

    private static readonly char[] SecretTrim = [' ', '\r', '\n'];

    public static AuthServiceSettingsReader FromProcess() =>
        new(Environment.GetEnvironmentVariable, File.ReadAllText);

    public AuthServiceSettings Read()
    {
        var warnings = new List<string>();
        var logLevel = ReadLogLevel(warnings);
        var skipVerifyTls = Get("LIVEKIT_INSECURE_SKIP_VERIFY_TLS") == SkipVerifyTlsMagic;
        var (key, secret, keySource) = ReadKeyAndSecret();
        var liveKitUrl = Get("LIVEKIT_URL");
        if (key.Length == 0 || secret.Length == 0 || liveKitUrl.Length == 0)
        {
            var missing = key.Length == 0 ? "LIVEKIT_KEY" : secret.Length == 0 ? "LIVEKIT_SECRET" : "LIVEKIT_URL";
            throw new ConfigurationException(missing, "LIVEKIT_KEY* / LIVEKIT_SECRET* and LIVEKIT_URL must be set");
        }

        return new AuthServiceSettings
        {
            LogLevel = logLevel,
            SkipVerifyTls = skipVerifyTls,
            LiveKitKey = key,
            LiveKitSecret = secret,
            KeySource = keySource,
            LiveKitUrl = liveKitUrl,
            FullAccessHomeservers = ReadFullAccessHomeservers(),
            Bind = ReadBind(warnings),
            SanityCheckInterval = ReadSanityCheckInterval(),
            ClientServerApiUrlOverrides = ServerNameUrlOverrides.Parse(Get("LIVEKIT_CS_API_URL_OVERRIDES"), "LIVEKIT_CS_API_URL_OVERRIDES"),
            FederationUrlOverrides = ReadFederationUrlOverrides(),
            BlockPrivateAddresses = ReadBoolean("LIVEKIT_BLOCK_PRIVATE_ADDRESSES"),
            RedisUrl = Get("LIVEKIT_REDIS_URL") is { Length: > 0 } redis ? redis : null,
            Warnings = warnings,
        };
    }

    private string Get(string variable) => environment(variable) ?? "";

    /// <summary>Our extension, so unlike upstream's CS-API overrides its URLs are checked at start-up.</summary>
    private IReadOnlyDictionary<string, string> ReadFederationUrlOverrides()
    {
        const string variable = "LIVEKIT_FEDERATION_URL_OVERRIDES";
        var overrides = ServerNameUrlOverrides.Parse(Get(variable), variable);
        foreach (var (serverName, url) in overrides)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ConfigurationException(variable,
                    $"failed parsing {variable}: \"{url}\" for {serverName} is not an http:// or https:// URL");
            }
        }

        return overrides;
    }

    private LogLevel ReadLogLevel(List<string> warnings)
    {
        var value = Get("LIVEKIT_LOG_LEVEL");
        switch (value.ToLowerInvariant())
        {
            case "": return LogLevel.Information;
            case "debug": return LogLevel.Debug;
            case "info": return LogLevel.Information;
            case "warn" or "warning": return LogLevel.Warning;
            case "error": return LogLevel.Error;
            default:
                warnings.Add($"LIVEKIT_LOG_LEVEL \"{value}\" is not debug, info, warn or error; using info");
                return LogLevel.Information;
        }
    }

    private (string Key, string Secret, string Source) ReadKeyAndSecret()
    {
        var keyFile = Get("LIVEKIT_KEY_FILE");
        if (keyFile.Length > 0)
        {
            var parts = ReadSecretFile("LIVEKIT_KEY_FILE", keyFile).Split(':');
            if (parts.Length != 2)
            {
                throw new ConfigurationException("LIVEKIT_KEY_FILE", "invalid key secret file format! (LIVEKIT_KEY_FILE must contain \"key: secret\")");
            }

            return (parts[0].Trim(SecretTrim), parts[1].Trim(SecretTrim), "LIVEKIT_KEY_FILE");
        }

        var (key, keySource) = ReadOne("LIVEKIT_KEY");
        var (secret, secretSource) = ReadOne("LIVEKIT_SECRET");
        return (key.Trim(SecretTrim), secret.Trim(SecretTrim), $"{keySource} and {secretSource}");
    }

    private (string Value, string Source) ReadOne(string variable)
    {
        var fromFile = Get(variable + "_FROM_FILE");
        return fromFile.Length > 0
            ? (ReadSecretFile(variable + "_FROM_FILE", fromFile), variable + "_FROM_FILE")
            : (Get(variable), variable);
    }

    private string ReadSecretFile(string variable, string path)
    {
        try
        {
            return readFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(variable, $"{variable}: cannot read {path}: {e.Message}");
        }
    }

    private IReadOnlyList<string> ReadFullAccessHomeservers()
    {
        var value = Get("LIVEKIT_FULL_ACCESS_HOMESERVERS");
        if (value.Length == 0)
        {
            throw new ConfigurationException("LIVEKIT_FULL_ACCESS_HOMESERVERS",
                "LIVEKIT_FULL_ACCESS_HOMESERVERS environment variable must be set to the homeserver(s) you intend to serve — see README for guidance");
        }

        return value.Replace(',', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private BindAddress ReadBind(List<string> warnings)
    {
        var bind = Get("LIVEKIT_JWT_BIND");
        var port = Get("LIVEKIT_JWT_PORT");
        if (bind.Length > 0 && port.Length > 0)
        {
            throw new ConfigurationException("LIVEKIT_JWT_BIND", "LIVEKIT_JWT_BIND and LIVEKIT_JWT_PORT must not be set together");
        }

        if (port.Length > 0)
        {
            warnings.Add("!!! LIVEKIT_JWT_PORT is deprecated, use LIVEKIT_JWT_BIND !!!");
            return BindAddress.Parse(":" + port, "LIVEKIT_JWT_PORT");
        }

        return BindAddress.Parse(bind.Length > 0 ? bind : ":8080", "LIVEKIT_JWT_BIND");
    }

    private TimeSpan ReadSanityCheckInterval()
    {
        var value = Get("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS");
        if (value.Length == 0)
        {
            return TimeSpan.Zero;
        }

        // Go's Atoi: optional sign and decimal digits, nothing else.
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
        {
            throw new ConfigurationException("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS",
                $"LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS must be a non-negative integer, got \"{value}\"");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private bool ReadBoolean(string variable) => Get(variable).ToLowerInvariant() switch
    {
        "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        var other => throw new ConfigurationException(variable, $"{variable} must be true or false, got \"{other}\""),
    };
}
