using Microsoft.Playwright;
using Xunit;

namespace MatrixRtcLab.E2E.Browser;

/// <summary>
/// One Playwright driver and one Chromium for the whole run, launched on first use so that tests
/// which never open a browser (the lab skip-reason tests) do not pay for it or depend on it.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BrowserSettings? _settings;

    /// <summary>Resolved on first use, so a machine without Chromium fails only the tests that open a browser.</summary>
    /// <summary>
    /// The browser to drive. No browser installed skips the browser tests with the reason on a
    /// developer's machine, and fails them in CI (CI=true), where a skip would hide a broken install.
    /// </summary>
    public BrowserSettings Settings => _settings ??= ResolveSettings();

    private static BrowserSettings ResolveSettings()
    {
        try
        {
            return BrowserSettings.FromEnvironment(Environment.GetEnvironmentVariable, File.Exists);
        }
        catch (BrowserNotFoundException e) when (Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip(e.Message);
            throw;
        }
    }

    public IReadOnlyList<string> Flags { get; } = ChromiumFlags.ForCurrentUser(Environment.UserName == "root");

    public VideoRecording Video { get; } = VideoRecording.Detect(
        Path.Combine(AppContext.BaseDirectory, ".playwright", "package"),
        Path.Combine(AppContext.BaseDirectory, "playwright-browsers"),
        Environment.GetEnvironmentVariable);

    public async Task<IBrowser> GetBrowserAsync()
    {
        if (_browser is { IsConnected: true })
        {
            return _browser;
        }

        await _gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }
            if (Video.BrowsersPathForDriver is { } browsersPath)
            {
                // Read by the driver process Playwright.CreateAsync starts; browsers come from ExecutablePath anyway.
                Environment.SetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH", browsersPath);
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Settings.ExecutablePath,
                Headless = Settings.Headless,
                Args = Flags,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh, isolated browser context: its own storage, device and camera, like a separate person.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? recordVideoDirectory = null)
    {
        var browser = await GetBrowserAsync();
        return await browser.NewContextAsync(new()
        {
            IgnoreHTTPSErrors = true,
            Permissions = ["camera", "microphone"],
            ReducedMotion = ReducedMotion.Reduce,
            // LiveKit's adaptive stream only sends video to visible, non-tiny <video> elements.
            ViewportSize = new() { Width = 1280, Height = 720 },
            RecordVideoDir = Video.Available ? recordVideoDirectory : null,
            RecordVideoSize = Video.Available && recordVideoDirectory is not null ? new() { Width = 1280, Height = 720 } : null,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
