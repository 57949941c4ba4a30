using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>What a failed browser test leaves behind, produced by the real browser.</summary>
public sealed class FailureArtifactsTests(BrowserHost browsers) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"matrixrtc-e2e-artifacts-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_kept_session_leaves_trace_screenshot_console_log_and_video_or_a_note_why_not()
    {
        var session = await BrowserSession.OpenAsync(browsers, "alice", _folder);
        await session.Page.SetContentAsync("<h1>about to fail</h1><script>console.log('hello from the page')</script>");
        await session.Page.WaitForTimeoutAsync(300);

        await session.CloseAsync(keepArtifacts: true);

        Assert.True(new FileInfo(Path.Combine(_folder, "alice-trace.zip")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(_folder, "alice.png")).Length > 0);
        Assert.Contains("hello from the page", await File.ReadAllTextAsync(Path.Combine(_folder, "alice-console.log"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var videos = Directory.Exists(Path.Combine(_folder, "video")) ? Directory.GetFiles(Path.Combine(_folder, "video"), "*.webm", SearchOption.AllDirectories) : [];
        if (browsers.Video.Available)
        {
            Assert.Single(videos);
            Assert.True(new FileInfo(videos[0]).Length > 0);
        }
        else
        {
            Assert.Empty(videos);
            Assert.Contains("no video", await File.ReadAllTextAsync(Path.Combine(_folder, "alice-video-not-recorded.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_passing_session_leaves_nothing()
    {
        var session = await BrowserSession.OpenAsync(browsers, "bob", _folder);
        await session.Page.SetContentAsync("<h1>fine</h1>");

        await session.CloseAsync(keepArtifacts: false);

        var left = Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories) : [];
        Assert.Empty(left);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
