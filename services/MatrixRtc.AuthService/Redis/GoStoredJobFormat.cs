using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Redis;

/// <summary>
/// The Go service's encoding of a stored job (Go <c>encoding/json</c> of its <c>storedJob</c> struct):
/// <c>{"Params":{"DelayId":…,"DelayTimeout":&lt;int64 ns&gt;,"ServerName":…,"LiveKitRoom":…,"LiveKitIdentity":…},"RestartedAt":"&lt;RFC 3339&gt;"}</c>.
/// Written byte-for-byte as Go writes it (strings escaped as Go does, time in RFC 3339 with trimmed
/// fractional seconds); read as leniently as Go reads it (member names case-insensitive, unknown
/// members ignored, missing ones zero, up to nine fractional digits and any offset).
/// </summary>
public static partial class GoStoredJobFormat
{
    private const long NanosecondsPerTick = 100;

    public static string Encode(StoredLeaveJob job)
    {
        var p = job.Parameters;
        return new StringBuilder()
            .Append("{\"Params\":{\"DelayId\":").Append(GoString(p.DelayId))
            .Append(",\"DelayTimeout\":").Append((p.DelayTimeout.Ticks * NanosecondsPerTick).ToString(CultureInfo.InvariantCulture))
            .Append(",\"ServerName\":").Append(GoString(p.ServerName))
            .Append(",\"LiveKitRoom\":").Append(GoString(p.LiveKitRoom))
            .Append(",\"LiveKitIdentity\":").Append(GoString(p.LiveKitIdentity))
            .Append("},\"RestartedAt\":\"").Append(FormatTime(job.RestartedAt)).Append("\"}")
            .ToString();
    }

    /// <exception cref="FormatException">Not a stored job as Go would read it.</exception>
    public static StoredLeaveJob Decode(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a JSON object");
            }

            var parameters = Member(root, "Params") is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null;
            var restartedAt = Member(root, "RestartedAt") is { } t ? ParseTime(t) : DateTimeOffset.MinValue;
            var timeout = parameters is { } ps && Member(ps, "DelayTimeout") is { } d ? Int64(d) : 0;
            return new StoredLeaveJob(
                new LeaveJobParameters(
                    String(parameters, "DelayId"),
                    TimeSpan.FromTicks(timeout / NanosecondsPerTick),
                    String(parameters, "ServerName"),
                    String(parameters, "LiveKitRoom"),
                    String(parameters, "LiveKitIdentity")),
                restartedAt);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or OverflowException)
        {
            // ArgumentException: a time that matches the pattern but not the calendar (month 13, offset +15:00).
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>Go's RFC3339Nano: UTC as <c>Z</c>, fractional seconds without trailing zeros.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text)
    {
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"not an RFC 3339 time: \"{text}\"");
        }

        var fraction = match.Groups["fraction"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        var zone = match.Groups["zone"].Value;
        var offset = zone is "Z" or "z"
            ? TimeSpan.Zero
            : TimeSpan.ParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (zone[0] == '-' ? -1 : 1);
        var local = new DateTime(
            Int(match, "year"), Int(match, "month"), Int(match, "day"), Int(match, "hour"), Int(match, "minute"), Int(match, "second"),
            DateTimeKind.Unspecified);
        return new DateTimeOffset(local.AddTicks(ticks), offset);
    }

    private static DateTimeOffset ParseTime(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.String => ParseTime(element.GetString()!),
            JsonValueKind.Null => DateTimeOffset.MinValue,
            _ => throw new FormatException("RestartedAt is not a string"),
        };

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>A Go-escaped JSON string; GoJsonStringArray does the escaping for a one-element array.</summary>
    private static string GoString(string value)
    {
        var array = GoJsonStringArray.EncodeToString(value);
        return array[1..^1];
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        JsonElement? found = null;
        foreach (var property in element.EnumerateObject())
        {
            // Go matches exactly first, else case-insensitively; the last duplicate wins.
            if (property.NameEquals(name))
            {
                found = property.Value;
            }
            else if (found is null && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        return found;
    }

    private static string String(JsonElement? parent, string name) =>
        parent is { } p && Member(p, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Null => "",
                _ => throw new FormatException($"{name} is not a string"),
            }
            : "";

    private static long Int64(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? 0
        : element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value
        : throw new FormatException("DelayTimeout is not an int64");

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(\.(?<fraction>\d{1,9}))?(?<zone>[Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
