using System.Text.RegularExpressions;

namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Reads the lab's switches from configuration keys <c>Lab:ServerName</c>, <c>Lab:RelaxedRateLimits</c>,
/// <c>Lab:StickyEvents</c>, <c>Lab:Containers</c> (e.g. <c>dotnet run --project AppHost -- --Lab:StickyEvents=true</c> or
/// the environment variable <c>Lab__StickyEvents=true</c>); unset keys keep the defaults.
/// </summary>
public static partial class LabOptionsReader
{
    /// <exception cref="ArgumentException">A value is invalid; the message names the key.</exception>
    public static LabOptions Read(Func<string, string?> configuration)
    {
        var defaults = new LabOptions();
        var serverName = configuration("Lab:ServerName") ?? defaults.ServerName;
        if (!ServerNamePattern().IsMatch(serverName))
        {
            throw new ArgumentException($"Lab:ServerName must be a lower-case DNS name with an optional port, got \"{serverName}\"");
        }

        return defaults with
        {
            ServerName = serverName,
            RelaxedRateLimits = Boolean(configuration, "Lab:RelaxedRateLimits", defaults.RelaxedRateLimits),
            StickyEvents = Boolean(configuration, "Lab:StickyEvents", defaults.StickyEvents),
            Containers = Choice(configuration, "Lab:Containers", defaults.Containers),
        };
    }

    private static T Choice<T>(Func<string, string?> configuration, string key, T fallback)
        where T : struct, Enum => configuration(key) switch
        {
            null or "" => fallback,
            var value when Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) => parsed,
            var value => throw new ArgumentException(
                $"{key} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got \"{value}\""),
        };

    private static bool Boolean(Func<string, string?> configuration, string key, bool fallback) => configuration(key) switch
    {
        null or "" => fallback,
        var value when bool.TryParse(value, out var parsed) => parsed,
        var value => throw new ArgumentException($"{key} must be true or false, got \"{value}\""),
    };

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")]
    private static partial Regex ServerNamePattern();
}
