namespace MatrixRtcLab.Topology.Redis;

/// <summary>The redis.conf directives a local Redis of the lab gets.</summary>
public sealed record RedisServerConfig(string Bind, int Port, string RequirePass, string Dir)
{
    /// <summary>Snapshots every minute when something changed, so jobs survive a restart; no append-only file.</summary>
    public string Save { get; init; } = "60 1";

    public string Appendonly { get; init; } = "no";

    /// <summary>redis.conf syntax: one <c>directive value</c> per line; strings quoted, numbers and keywords as they are.</summary>
    public string Render() => string.Concat(
        new (string Directive, string Value)[]
        {
            ("bind", Quote(Bind)), ("port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("requirepass", Quote(RequirePass)), ("dir", Quote(Dir)), ("save", Save), ("appendonly", Appendonly),
        }.Select(d => $"{d.Directive} {d.Value}\n"));

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
