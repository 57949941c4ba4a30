using System.Globalization;
using System.Text.RegularExpressions;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// Where and how to reach Redis, parsed from a go-redis URL: <c>redis://[user:pass@]host[:port][/db]</c>,
/// <c>rediss://…</c> (TLS), <c>unix://[user:pass@]/path[?db=N]</c>. Defaults: host localhost, port 6379,
/// database 0. The only query option understood is <c>db</c>; any other is rejected rather than ignored.
/// </summary>
public sealed partial record RedisEndpoint(
    RedisTransport Transport,
    string Host,
    int Port,
    string? SocketPath,
    string? Username,
    string? Password,
    int Database)
{
    public const int DefaultPort = 6379;

    /// <summary>The address for logs, like go-redis' <c>Addr</c>.</summary>
    public string Address => Transport == RedisTransport.UnixSocket ? SocketPath! : $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <exception cref="FormatException">The URL is not a go-redis URL; the message says why.</exception>
    public static RedisEndpoint Parse(string url)
    {
        if (url.StartsWith("unix://", StringComparison.Ordinal))
        {
            return ParseUnix(url["unix://".Length..]);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new FormatException("not an absolute URL");
        }

        var transport = uri.Scheme switch
        {
            "redis" => RedisTransport.Tcp,
            "rediss" => RedisTransport.Tls,
            _ => throw new FormatException($"invalid URL scheme: {uri.Scheme}"),
        };

        var (username, password) = ParseUserInfo(uri.UserInfo);
        var query = ParseQuery(uri.Query);
        int database;
        var host = uri.IdnHost.Length == 0 ? "localhost" : uri.IdnHost;
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var databasePath = uri.AbsolutePath.Trim('/');
        database = databasePath.Length == 0 ? 0 : ParseDatabase(databasePath);
        if (query.TryGetValue("db", out var queryDatabase))
        {
            database = ParseDatabase(queryDatabase);
        }

        return new(transport, host, port, null, username, password, database);
    }

    // unix://[user:pass@]/path[?db=N]; System.Uri rejects user info without a host.
    private static RedisEndpoint ParseUnix(string rest)
    {
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = ParseQuery(queryStart < 0 ? "" : rest[queryStart..]);
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var at = rest.IndexOf("@/", StringComparison.Ordinal);
        var (username, password) = ParseUserInfo(at < 0 ? "" : rest[..at]);
        var path = Uri.UnescapeDataString(at < 0 ? rest : rest[(at + 1)..]);
        if (!path.StartsWith('/') || path == "/")
        {
            throw new FormatException("unix URL has no socket path");
        }

        var database = query.TryGetValue("db", out var db) ? ParseDatabase(db) : 0;
        return new(RedisTransport.UnixSocket, "localhost", 0, path, username, password, database);
    }

    private static (string? Username, string? Password) ParseUserInfo(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return (null, null);
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        return (username.Length == 0 ? null : username, password);
    }

    /// <summary>The URL with any password replaced by <c>***</c>, for messages and logs.</summary>
    public static string Redact(string url) => PasswordInUrl().Replace(url, "$1***@");

    private static int ParseDatabase(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
            ? database
            : throw new FormatException($"invalid database number: \"{value}\"");

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (name != "db")
            {
                throw new FormatException($"unsupported option: {name} (only db is supported)");
            }

            options[name] = Uri.UnescapeDataString(equals < 0 ? "" : pair[(equals + 1)..]);
        }

        return options;
    }

    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*:)[^/@]*@")]
    private static partial Regex PasswordInUrl();
}

public enum RedisTransport
{
    Tcp,
    Tls,
    UnixSocket,
}
