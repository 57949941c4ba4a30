namespace MatrixRtcLab.E2E.Browser;

/// <summary>Which Chromium to drive and how, from the environment.</summary>
public sealed record BrowserSettings(string? ExecutablePath, bool Headless)
{
    /// <summary>Path of the Chromium (or Chrome) binary; unset means the first of <see cref="KnownLocations"/>.</summary>
    public const string ExecutableVariable = "MATRIXRTC_E2E_CHROMIUM";

    /// <summary><c>false</c> shows the browsers (needs a display).</summary>
    public const string HeadlessVariable = "MATRIXRTC_E2E_HEADLESS";

    /// <summary>Debian's chromium, then Google Chrome as GitHub's Ubuntu runners ship it.</summary>
    public static IReadOnlyList<string> KnownLocations { get; } = ["/usr/bin/chromium", "/usr/bin/google-chrome"];

    public static BrowserSettings FromEnvironment(Func<string, string?> env, Func<string, bool> fileExists)
    {
        var configured = env(ExecutableVariable);
        string? path;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!fileExists(configured))
            {
                throw new InvalidOperationException($"{ExecutableVariable}={configured}: no such file.");
            }
            path = configured;
        }
        else
        {
            path = KnownLocations.FirstOrDefault(fileExists)
                ?? throw new BrowserNotFoundException(
                    $"No Chromium found at {string.Join(" or ", KnownLocations)}; install Debian's chromium or set {ExecutableVariable}.");
        }

        var headless = env(HeadlessVariable) switch
        {
            null or "" or "true" or "1" => true,
            "false" or "0" => false,
            var other => throw new InvalidOperationException($"{HeadlessVariable}={other}: expected true or false."),
        };
        return new BrowserSettings(path, headless);
    }
}
