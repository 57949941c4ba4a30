using System.Text.Json;

namespace MatrixRtcLab.E2E.Browser;

/// <summary>
/// Playwright renders videos with its own ffmpeg build, which <c>playwright install</c> downloads. Where that
/// is impossible (offline machines) a system ffmpeg (Debian's package has libvpx-vp9, which is all
/// Playwright asks of it) is offered to the driver through a private PLAYWRIGHT_BROWSERS_PATH holding
/// only a link to it. Without either, contexts record no video and failures say so.
/// </summary>
public sealed record VideoRecording(bool Available, string Explanation, string? BrowsersPathForDriver)
{
    public const string SystemFfmpeg = "/usr/bin/ffmpeg";

    /// <param name="driverPackageDirectory">The Playwright driver package (…/.playwright/package), holding browsers.json.</param>
    /// <param name="privateBrowsersPath">Where to create the private browsers path when needed.</param>
    /// <param name="systemFfmpeg">The distribution's ffmpeg to fall back on.</param>
    public static VideoRecording Detect(
        string driverPackageDirectory, string privateBrowsersPath, Func<string, string?> env, string systemFfmpeg = SystemFfmpeg)
    {
        var revision = FfmpegRevision(Path.Combine(driverPackageDirectory, "browsers.json"));
        var registry = env("PLAYWRIGHT_BROWSERS_PATH") is { Length: > 0 } configured
            ? configured
            : Path.Combine(env("HOME") ?? "/root", ".cache", "ms-playwright");
        var playwrightOwn = Path.Combine(registry, $"ffmpeg-{revision}", "ffmpeg-linux");
        if (File.Exists(playwrightOwn))
        {
            return new(true, $"videos rendered with Playwright's ffmpeg ({playwrightOwn})", null);
        }
        if (!File.Exists(systemFfmpeg))
        {
            return new(false, $"no video: neither Playwright's ffmpeg ({playwrightOwn}) nor {systemFfmpeg} exists " +
                "(apt-get install ffmpeg, or `pwsh playwright.ps1 install ffmpeg` where downloads are allowed)", null);
        }

        var link = Path.Combine(privateBrowsersPath, $"ffmpeg-{revision}", "ffmpeg-linux");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, systemFfmpeg);
        }
        return new(true, $"videos rendered with {systemFfmpeg} (linked from {link})", privateBrowsersPath);
    }

    private static string FfmpegRevision(string browsersJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(browsersJson));
        foreach (var browser in document.RootElement.GetProperty("browsers").EnumerateArray())
        {
            if (browser.GetProperty("name").GetString() == "ffmpeg")
            {
                return browser.GetProperty("revision").GetString()
                    ?? throw new InvalidDataException($"{browsersJson}: ffmpeg has no revision");
            }
        }
        throw new InvalidDataException($"{browsersJson} lists no ffmpeg");
    }
}
