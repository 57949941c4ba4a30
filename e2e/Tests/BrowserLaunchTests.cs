using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Local;
using Microsoft.Playwright;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>The browser the call tests rely on really starts with fake devices and the WebRTC switches.</summary>
public sealed class BrowserLaunchTests(BrowserHost browsers, RunArtifacts artifacts) : BrowserTest(browsers, artifacts)
{
    [Fact]
    public async Task Chromium_reports_every_switch_on_its_command_line()
    {
        var user = await OpenSessionAsync("viewer");

        await user.Page.GotoAsync("chrome://version");
        var commandLine = await user.Page.Locator("#command_line").InnerTextAsync();

        Assert.All(Browsers.Flags, flag => Assert.Contains(flag, commandLine, StringComparison.Ordinal));
        Assert.Contains(ChromiumFlags.FakeMediaDevices, commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUserMedia_hands_out_the_fake_camera_and_microphone_without_a_prompt()
    {
        await using var server = await LoopbackPageServer.StartAsync();
        var user = await OpenSessionAsync("caller");
        await user.Page.GotoAsync(server.CallPage.ToString());

        // start() calls getUserMedia; a permission prompt would leave this promise pending and time out.
        var tracks = await user.Page.EvaluateAsync<string[]>("start()");
        var devices = await user.Page.EvaluateAsync<string[]>(
            "async () => (await navigator.mediaDevices.enumerateDevices()).map(d => `${d.kind}:${d.label}`)");

        Assert.Contains(tracks, t => t.StartsWith("audio:", StringComparison.Ordinal));
        Assert.Contains(tracks, t => t.StartsWith("video:", StringComparison.Ordinal));
        // Chromium names its synthetic devices "fake_device_0", "Fake Default Audio Input", ...
        Assert.Contains(devices, d => d.StartsWith("videoinput:", StringComparison.Ordinal) && d.Contains("fake", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(devices, d => d.StartsWith("audioinput:", StringComparison.Ordinal) && d.Contains("fake", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_fake_camera_renders_moving_frames_locally()
    {
        await using var server = await LoopbackPageServer.StartAsync();
        var user = await OpenSessionAsync("caller");
        await user.Page.GotoAsync(server.CallPage.ToString());
        await user.Page.EvaluateAsync("start()");

        var local = user.Page.Locator("#local");
        await Assertions.Expect(local).ToHaveJSPropertyAsync("readyState", 4, new() { Timeout = 10_000 });
        var first = await local.EvaluateAsync<int>("v => v.getVideoPlaybackQuality().totalVideoFrames");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var later = await local.EvaluateAsync<int>("v => v.getVideoPlaybackQuality().totalVideoFrames");

        Assert.True(later > first, $"local preview frames did not advance: {first} -> {later}");
    }
}
