using System.CommandLine;

namespace MatrixRtc.Doctor.Cli;

/// <summary>Options several commands share. Secrets may also come from environment variables so they stay out of shell history and process lists.</summary>
internal static class CommonOptions
{
    public const string TokenVariable = "RTC_DOCTOR_TOKEN";
    public const string LiveKitSecretVariable = "RTC_DOCTOR_LIVEKIT_SECRET";

    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON to stdout" };

    public static Option<TimeSpan> Timeout() => new("--timeout")
    {
        Description = "Timeout of each request (e.g. 10s)",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = DurationParser.Parse,
    };

    public static Option<string?> Token(bool forUser) => new("--token", "-t")
    {
        Description = (forUser ? "Access token of --user" : "Access token of the user who inspects the room") + $" (or set {TokenVariable})",
    };

    public static Option<Uri?> LiveKitUrl() => new("--livekit-url") { CustomParser = UrlParser.Parse, Description = "LiveKit URL (ws(s):// or http(s)://)" };

    public static Option<string?> LiveKitKey() => new("--livekit-key") { Description = "LiveKit API key" };

    public static Option<string?> LiveKitSecret() => new("--livekit-secret") { Description = $"LiveKit API secret (or set {LiveKitSecretVariable})" };

    public static string? FromEnvironment(string? given, string variable) =>
        given ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null);
}
