namespace MatrixRtcLab.E2E.Browser;

/// <summary>
/// The command-line switches every test browser starts with. Each one is asserted against the real
/// browser by <c>BrowserLaunchTests</c>, so a switch Chromium silently drops fails a test.
/// </summary>
public static class ChromiumFlags
{
    /// <summary>Grant camera and microphone without a prompt.</summary>
    public const string FakeMediaUi = "--use-fake-ui-for-media-stream";

    /// <summary>A synthetic camera (moving test pattern) and microphone (beep) instead of real devices.</summary>
    public const string FakeMediaDevices = "--use-fake-device-for-media-stream";

    /// <summary>Let ICE use 127.0.0.1 candidates: the lab's SFU and the local loopback calls advertise only loopback.</summary>
    public const string AllowLoopbackIce = "--allow-loopback-in-peer-connection";

    /// <summary>Remote audio and video start without a user gesture.</summary>
    public const string AutoplayWithoutGesture = "--autoplay-policy=no-user-gesture-required";

    /// <summary>Flags for fake media and WebRTC on one host (see docs/e2e.md for why each is there).</summary>
    public static IReadOnlyList<string> Media { get; } =
    [
        FakeMediaUi,
        FakeMediaDevices,
        "--mute-audio",
        AllowLoopbackIce,
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        AutoplayWithoutGesture,
        // MatrixRTC restarts its delayed leave event on a timer; background throttling would let it lapse.
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ];

    /// <summary>Keep the browser off the network except for what a test opens (CI and this lab are offline).</summary>
    public static IReadOnlyList<string> Quiet { get; } =
    [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    /// <summary>Headless Chromium refuses to start as root without this.</summary>
    public const string NoSandbox = "--no-sandbox";

    /// <summary>Everything, for the current user.</summary>
    public static IReadOnlyList<string> ForCurrentUser(bool runningAsRoot) =>
        [.. Media, .. Quiet, .. runningAsRoot ? [NoSandbox] : Array.Empty<string>()];
}
