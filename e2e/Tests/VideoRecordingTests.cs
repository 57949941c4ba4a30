using MatrixRtcLab.E2E.Browser;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Where Playwright's video rendering gets its ffmpeg from, for each thing that may be installed.</summary>
public sealed class VideoRecordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matrixrtc-e2e-video-").FullName;
    private static string DriverPackage => Path.Combine(AppContext.BaseDirectory, ".playwright", "package");

    private string Home => Path.Combine(_folder, "home");
    private string PrivatePath => Path.Combine(_folder, "private");

    private string? Env(string name) => name == "HOME" ? Home : null;

    private string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }

    [Fact]
    public void Playwrights_own_ffmpeg_is_used_as_it_is()
    {
        var own = Touch(Path.Combine(Home, ".cache", "ms-playwright", "ffmpeg-1013", "ffmpeg-linux"));

        var video = VideoRecording.Detect(DriverPackage, PrivatePath, Env, systemFfmpeg: Path.Combine(_folder, "none"));

        Assert.True(video.Available);
        Assert.Null(video.BrowsersPathForDriver);
        Assert.Contains(own, video.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_system_ffmpeg_is_offered_through_a_private_browsers_path()
    {
        var system = Touch(Path.Combine(_folder, "usr", "bin", "ffmpeg"));

        var video = VideoRecording.Detect(DriverPackage, PrivatePath, Env, systemFfmpeg: system);

        Assert.True(video.Available);
        Assert.Equal(PrivatePath, video.BrowsersPathForDriver);
        var link = new FileInfo(Path.Combine(PrivatePath, "ffmpeg-1013", "ffmpeg-linux"));
        Assert.Equal(system, link.LinkTarget);
    }

    [Fact]
    public void Without_any_ffmpeg_there_is_no_video_and_the_explanation_says_how_to_get_one()
    {
        var video = VideoRecording.Detect(DriverPackage, PrivatePath, Env, systemFfmpeg: Path.Combine(_folder, "none"));

        Assert.False(video.Available);
        Assert.StartsWith("no video:", video.Explanation, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", video.Explanation, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PrivatePath));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
