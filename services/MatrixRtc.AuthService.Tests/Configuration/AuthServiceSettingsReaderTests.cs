using MatrixRtc.AuthService.Configuration;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Tests.Configuration;

public sealed class AuthServiceSettingsReaderTests
{
    private static readonly Dictionary<string, string> Minimal = new()
    {
        ["LIVEKIT_URL"] = "wss://sfu.example.com",
        ["LIVEKIT_KEY"] = "devkey",
        ["LIVEKIT_SECRET"] = "devsecret",
        ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = "example.com",
    };

    private static AuthServiceSettings Read(Dictionary<string, string> env, Dictionary<string, string>? files = null) =>
        new AuthServiceSettingsReader(
            name => env.GetValueOrDefault(name),
            path => files is not null && files.TryGetValue(path, out var content) ? content : throw new FileNotFoundException($"no such file {path}")).Read();

    private static Dictionary<string, string> With(params (string Key, string? Value)[] changes)
    {
        var env = new Dictionary<string, string>(Minimal);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                env.Remove(key);
            }
            else
            {
                env[key] = value;
            }
        }

        return env;
    }

    private static ConfigurationException Fails(Dictionary<string, string> env, Dictionary<string, string>? files = null) =>
        Assert.Throws<ConfigurationException>(() => Read(env, files));

    [Fact]
    public void Minimal_configuration_has_upstream_defaults()
    {
        var settings = Read(Minimal);
        Assert.Equal("wss://sfu.example.com", settings.LiveKitUrl);
        Assert.Equal("https://sfu.example.com", settings.LiveKitApiUrl);
        Assert.Equal(":8080", settings.Bind.ToString());
        Assert.False(settings.SkipVerifyTls);
        Assert.Equal(TimeSpan.Zero, settings.SanityCheckInterval);
        Assert.Empty(settings.ClientServerApiUrlOverrides);
        Assert.Empty(settings.FederationUrlOverrides);
        Assert.False(settings.BlockPrivateAddresses);
        Assert.Null(settings.RedisUrl);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Empty(settings.Warnings);
    }

    [Theory]
    [InlineData("ws://sfu:7880", "http://sfu:7880")]
    [InlineData("wss://sfu", "https://sfu")]
    [InlineData("http://sfu", "http://sfu")]
    public void LiveKit_api_url_turns_ws_into_http(string url, string api) =>
        Assert.Equal(api, Read(With(("LIVEKIT_URL", url))).LiveKitApiUrl);

    [Theory]
    [InlineData("LIVEKIT_URL")]
    [InlineData("LIVEKIT_KEY")]
    [InlineData("LIVEKIT_SECRET")]
    public void Missing_key_secret_or_url_fails_naming_it(string variable)
    {
        var error = Fails(With((variable, null)));
        Assert.Equal("LIVEKIT_KEY* / LIVEKIT_SECRET* and LIVEKIT_URL must be set", error.Message);
        Assert.Equal(variable, error.Variable);
    }

    [Fact]
    public void Key_of_only_whitespace_counts_as_missing() =>
        Fails(With(("LIVEKIT_KEY", " \r\n")));

    [Fact]
    public void Secrets_from_files_override_variables_and_are_trimmed_of_space_cr_lf_only()
    {
        var settings = Read(
            With(("LIVEKIT_KEY_FROM_FILE", "/k"), ("LIVEKIT_SECRET_FROM_FILE", "/s")),
            new() { ["/k"] = "filekey\n", ["/s"] = " \tfilesecret\r\n" });
        Assert.Equal("filekey", settings.LiveKitKey);
        Assert.Equal("\tfilesecret", settings.LiveKitSecret);
    }

    [Fact]
    public void Key_from_file_mixes_with_secret_from_variable()
    {
        var settings = Read(With(("LIVEKIT_KEY_FROM_FILE", "/k")), new() { ["/k"] = "k2" });
        Assert.Equal(("k2", "devsecret"), (settings.LiveKitKey, settings.LiveKitSecret));
        Assert.Contains("LIVEKIT_KEY_FROM_FILE", settings.KeySource, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_wins_over_every_other_source()
    {
        var settings = Read(
            With(("LIVEKIT_KEY_FILE", "/kf"), ("LIVEKIT_KEY_FROM_FILE", "/k")),
            new() { ["/kf"] = "keysecret_A: keysecret_B\n", ["/k"] = "ignored" });
        Assert.Equal(("keysecret_A", "keysecret_B"), (settings.LiveKitKey, settings.LiveKitSecret));
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData("a:b:c")]
    public void Key_file_needs_exactly_one_colon(string content)
    {
        var error = Fails(With(("LIVEKIT_KEY_FILE", "/kf")), new() { ["/kf"] = content });
        Assert.Equal("LIVEKIT_KEY_FILE", error.Variable);
        Assert.Contains("invalid key secret file format!", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LIVEKIT_KEY_FILE")]
    [InlineData("LIVEKIT_KEY_FROM_FILE")]
    [InlineData("LIVEKIT_SECRET_FROM_FILE")]
    public void Unreadable_secret_file_names_the_variable(string variable)
    {
        var error = Fails(With((variable, "/missing")));
        Assert.Equal(variable, error.Variable);
        Assert.Contains("/missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_access_list_is_mandatory()
    {
        var error = Fails(With(("LIVEKIT_FULL_ACCESS_HOMESERVERS", null)));
        Assert.Equal("LIVEKIT_FULL_ACCESS_HOMESERVERS environment variable must be set to the homeserver(s) you intend to serve — see README for guidance", error.Message);
    }

    [Theory]
    [InlineData("example.com, test.com", new[] { "example.com", "test.com" })]
    [InlineData("a.com b.com,c.com\t d.com", new[] { "a.com", "b.com", "c.com", "d.com" })]
    [InlineData(" , ,", new string[0])]
    [InlineData("*", new[] { "*" })]
    public void Full_access_list_splits_on_commas_and_whitespace(string value, string[] expected) =>
        Assert.Equal(expected, Read(With(("LIVEKIT_FULL_ACCESS_HOMESERVERS", value))).FullAccessHomeservers);

    [Fact]
    public void Full_access_is_exact_and_case_sensitive()
    {
        var settings = Read(With(("LIVEKIT_FULL_ACCESS_HOMESERVERS", "another.example.com, example.com")));
        Assert.True(settings.IsFullAccess("example.com"));
        Assert.True(settings.IsFullAccess("another.example.com"));
        Assert.False(settings.IsFullAccess("aanother.example.com"));
        Assert.False(settings.IsFullAccess("matrix.example.com"));
        Assert.False(settings.IsFullAccess("Example.com"));
    }

    [Fact]
    public void Star_alone_means_everyone_but_not_inside_a_list()
    {
        Assert.True(Read(With(("LIVEKIT_FULL_ACCESS_HOMESERVERS", "*"))).IsFullAccess("anything.org"));
        Assert.False(Read(With(("LIVEKIT_FULL_ACCESS_HOMESERVERS", "example.com,*"))).IsFullAccess("anything.org"));
    }

    [Theory]
    [InlineData(null, null, ":8080")]
    [InlineData("127.0.0.1:9090", null, "127.0.0.1:9090")]
    [InlineData("[::1]:9090", null, "[::1]:9090")]
    [InlineData(":0", null, ":0")]
    [InlineData(null, "9999", ":9999")]
    public void Bind_address(string? bind, string? port, string expected)
    {
        var settings = Read(With(("LIVEKIT_JWT_BIND", bind), ("LIVEKIT_JWT_PORT", port)));
        Assert.Equal(expected, settings.Bind.ToString());
        Assert.Equal(port is not null, settings.Warnings.Contains("!!! LIVEKIT_JWT_PORT is deprecated, use LIVEKIT_JWT_BIND !!!"));
    }

    [Fact]
    public void Bind_and_port_together_fail() =>
        Assert.Equal("LIVEKIT_JWT_BIND and LIVEKIT_JWT_PORT must not be set together",
            Fails(With(("LIVEKIT_JWT_BIND", ":1"), ("LIVEKIT_JWT_PORT", "2"))).Message);

    [Theory]
    [InlineData("LIVEKIT_JWT_BIND", "8080")]
    [InlineData("LIVEKIT_JWT_BIND", ":http")]
    [InlineData("LIVEKIT_JWT_BIND", "::1:80")]
    [InlineData("LIVEKIT_JWT_BIND", ":70000")]
    [InlineData("LIVEKIT_JWT_PORT", "abc")]
    public void Bad_bind_address_names_the_variable(string variable, string value) =>
        Assert.Equal(variable, Fails(With((variable, value))).Variable);

    [Theory]
    [InlineData("TRUE")]
    [InlineData("true")]
    [InlineData("")]
    [InlineData("yes_i_know_what_i_am_doing")]
    public void Tls_skip_needs_the_exact_magic_value(string value)
    {
        Assert.False(Read(With(("LIVEKIT_INSECURE_SKIP_VERIFY_TLS", value))).SkipVerifyTls);
        Assert.True(Read(With(("LIVEKIT_INSECURE_SKIP_VERIFY_TLS", "YES_I_KNOW_WHAT_I_AM_DOING"))).SkipVerifyTls);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("30", 30)]
    [InlineData("+5", 5)]
    public void Sanity_interval_in_seconds(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(With(("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS", value))).SanityCheckInterval);

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData(" 5")]
    [InlineData("1.5")]
    public void Bad_sanity_interval_fails(string value) =>
        Assert.Equal($"LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS must be a non-negative integer, got \"{value}\"",
            Fails(With(("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS", value))).Message);

    [Theory]
    [InlineData("example.com=https://matrix-client.example.com", "example.com", "https://matrix-client.example.com")]
    [InlineData("example.com:8448=https://m.example.com", "example.com:8448", "https://m.example.com")]
    [InlineData("192.168.1.100=http://h", "192.168.1.100", "http://h")]
    [InlineData("192.168.1.100:1234=http://h", "192.168.1.100:1234", "http://h")]
    [InlineData("[2001:db8::7334]=http://h", "[2001:db8::7334]", "http://h")]
    [InlineData("[2001:db8::7334]:1234=http://h", "[2001:db8::7334]:1234", "http://h")]
    [InlineData(" a.com = http://a?x=1 , b.com=http://b", "a.com", "http://a?x=1")]
    public void Cs_api_overrides_parse(string value, string key, string url) =>
        Assert.Equal(url, Read(With(("LIVEKIT_CS_API_URL_OVERRIDES", value))).ClientServerApiUrlOverrides[key]);

    [Theory]
    [InlineData("example.com")]
    [InlineData("a.com=http://a,example.com")]
    [InlineData("a.com=http://a,")]
    [InlineData("=https://x")]
    [InlineData("example.com=")]
    public void Bad_cs_api_overrides_fail(string value)
    {
        var error = Fails(With(("LIVEKIT_CS_API_URL_OVERRIDES", value)));
        Assert.StartsWith("failed parsing LIVEKIT_CS_API_URL_OVERRIDES: invalid entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_duplicate_override_wins() =>
        Assert.Equal("http://2", Read(With(("LIVEKIT_CS_API_URL_OVERRIDES", "a=http://1,a=http://2"))).ClientServerApiUrlOverrides["a"]);

    [Fact]
    public void Federation_overrides_share_the_grammar_and_name_their_variable()
    {
        Assert.Equal("http://synapse:8008", Read(With(("LIVEKIT_FEDERATION_URL_OVERRIDES", "lab.localhost=http://synapse:8008"))).FederationUrlOverrides["lab.localhost"]);
        Assert.Equal("LIVEKIT_FEDERATION_URL_OVERRIDES", Fails(With(("LIVEKIT_FEDERATION_URL_OVERRIDES", "nope"))).Variable);
    }

    [Theory]
    [InlineData("lab.localhost=synapse:8008")]
    [InlineData("lab.localhost=ftp://synapse:8008")]
    [InlineData("lab.localhost=not a url")]
    [InlineData("a.localhost=http://ok:8008,lab.localhost=/relative")]
    public void Federation_override_urls_must_be_http_or_https(string value)
    {
        var failure = Fails(With(("LIVEKIT_FEDERATION_URL_OVERRIDES", value)));
        Assert.Equal("LIVEKIT_FEDERATION_URL_OVERRIDES", failure.Variable);
        Assert.Contains("lab.localhost", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    public void Private_address_guard_is_a_boolean(string value, bool expected) =>
        Assert.Equal(expected, Read(With(("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", value))).BlockPrivateAddresses);

    [Fact]
    public void Private_address_guard_rejects_other_values() =>
        Assert.Equal("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", Fails(With(("LIVEKIT_BLOCK_PRIVATE_ADDRESSES", "maybe"))).Variable);

    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("Warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    public void Log_level_is_case_insensitive(string value, LogLevel expected) =>
        Assert.Equal(expected, Read(With(("LIVEKIT_LOG_LEVEL", value))).LogLevel);

    [Fact]
    public void Unknown_log_level_warns_and_falls_back_to_info()
    {
        var settings = Read(With(("LIVEKIT_LOG_LEVEL", "chatty")));
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Contains(settings.Warnings, w => w.Contains("chatty", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_url_is_taken_verbatim() =>
        Assert.Equal("redis://:pw@127.0.0.1:6379/2", Read(With(("LIVEKIT_REDIS_URL", "redis://:pw@127.0.0.1:6379/2"))).RedisUrl);

    [Fact]
    public void Removed_legacy_names_are_not_read()
    {
        var settings = Read(With(("LIVEKIT_LOCAL_HOMESERVERS", "other.org"), ("LK_JWT_PORT", "1234")));
        Assert.Equal(":8080", settings.Bind.ToString());
        Assert.False(settings.IsFullAccess("other.org"));
    }

    [Fact]
    public void First_failure_in_upstream_order_wins()
    {
        // Missing key (step 4) is reported before the missing full-access list (step 5) and a bad interval (step 7).
        var error = Fails(With(("LIVEKIT_KEY", null), ("LIVEKIT_FULL_ACCESS_HOMESERVERS", null), ("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS", "x")));
        Assert.Equal("LIVEKIT_KEY", error.Variable);
    }
}
