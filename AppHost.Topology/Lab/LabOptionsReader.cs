using System.Text.RegularExpressions;

namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Reads the lab's switches from configuration keys <c>Lab:*</c> (e.g.
/// <c>dotnet run --project AppHost -- --Lab:Runtime=local</c> or the environment variable
/// <c>Lab__Runtime=local</c>); unset keys keep the defaults. See README, "Lab switches".
/// </summary>
public static partial class LabOptionsReader
{
    /// <summary>The components that have a local runtime, by their configuration section name.</summary>
    public static IReadOnlyList<string> LocalComponents { get; } = ["Synapse", "Postgres", "Redis", "LiveKit"];

    /// <exception cref="ArgumentException">A value is invalid; the message names the key.</exception>
    public static LabOptions Read(Func<string, string?> configuration)
    {
        var defaults = new LabOptions();
        var serverName = configuration("Lab:ServerName") ?? defaults.ServerName;
        if (!ServerNamePattern().IsMatch(serverName))
        {
            throw new ArgumentException($"Lab:ServerName must be a lower-case DNS name with an optional port, got \"{serverName}\"");
        }

        var volumePrefix = configuration("Lab:VolumePrefix") is { Length: > 0 } prefix ? prefix : defaults.VolumePrefix;
        if (!VolumePrefixPattern().IsMatch(volumePrefix))
        {
            throw new ArgumentException($"Lab:VolumePrefix must start with a letter or digit and hold only letters, digits, '_', '.' and '-' (a Docker volume name), got \"{volumePrefix}\"");
        }

        ComponentOptions Component(string name) => new(
            NullableChoice<LabRuntime>(configuration, $"Lab:{name}:Runtime"),
            configuration($"Lab:{name}:Command") is { Length: > 0 } command ? command : null);

        return defaults with
        {
            ServerName = serverName,
            RelaxedRateLimits = Boolean(configuration, "Lab:RelaxedRateLimits", defaults.RelaxedRateLimits),
            StickyEvents = Boolean(configuration, "Lab:StickyEvents", defaults.StickyEvents),
            Containers = NullableChoice<ContainerUse>(configuration, "Lab:Containers") ?? defaults.Containers,
            Login = NullableChoice<LabLogin>(configuration, "Lab:Login") ?? defaults.Login,
            Runtime = NullableChoice<LabRuntime>(configuration, "Lab:Runtime") ?? defaults.Runtime,
            Synapse = Component("Synapse"),
            Postgres = Component("Postgres"),
            Redis = Component("Redis"),
            LiveKit = Component("LiveKit"),
            VolumePrefix = volumePrefix,
        };
    }

    private static bool Boolean(Func<string, string?> configuration, string key, bool fallback) => configuration(key) switch
    {
        null or "" => fallback,
        var value when bool.TryParse(value, out var parsed) => parsed,
        var value => throw new ArgumentException($"{key} must be true or false, got \"{value}\""),
    };

    private static T? NullableChoice<T>(Func<string, string?> configuration, string key)
        where T : struct, Enum => configuration(key) switch
        {
            null or "" => null,
            var value when !int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            var value => throw new ArgumentException(
                $"{key} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got \"{value}\""),
        };

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")]
    private static partial Regex ServerNamePattern();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex VolumePrefixPattern();
}
