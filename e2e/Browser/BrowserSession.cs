using System.Collections.Concurrent;
using MatrixRtcLab.E2E.Media;
using Microsoft.Playwright;

namespace MatrixRtcLab.E2E.Browser;

/// <summary>
/// One person at one browser: an isolated context (own storage, crypto device, fake camera) with one
/// page, traced from the start. On failure it leaves a trace, a screenshot, a video and the console log.
/// </summary>
public sealed class BrowserSession
{
    private readonly ConcurrentQueue<string> _console = new();
    private readonly string _artifactDirectory;
    private bool _closed;

    private readonly VideoRecording _video;

    private BrowserSession(string name, IBrowserContext context, IPage page, string artifactDirectory, VideoRecording video)
    {
        _video = video;
        Name = name;
        Context = context;
        Page = page;
        _artifactDirectory = artifactDirectory;
        page.Console += (_, message) => _console.Enqueue($"[{DateTime.UtcNow:HH:mm:ss.fff}] {message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"[{DateTime.UtcNow:HH:mm:ss.fff}] pageerror: {error}");
    }

    public string Name { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public bool IsClosed => _closed;

    public static async Task<BrowserSession> OpenAsync(BrowserHost host, string name, string artifactDirectory)
    {
        var context = await host.NewContextAsync(Path.Combine(artifactDirectory, "video", name));
        await MediaProbe.InstallAsync(context);
        await context.Tracing.StartAsync(new() { Title = name, Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        return new BrowserSession(name, context, page, artifactDirectory, host.Video);
    }

    /// <summary>Closes the browser context like a person closing the window: no hang-up, no goodbye.</summary>
    public async Task CloseAbruptlyAsync()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        await Context.Tracing.StopAsync();
        await Context.CloseAsync();
        if (Page.Video is { } video)
        {
            await video.DeleteAsync();
        }
    }

    /// <summary>Ends the session; with <paramref name="keepArtifacts"/> saves what is needed to debug a failure.</summary>
    public async Task CloseAsync(bool keepArtifacts)
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        if (keepArtifacts)
        {
            Directory.CreateDirectory(_artifactDirectory);
            if (!Page.IsClosed)
            {
                await TryAsync(() => Page.ScreenshotAsync(new() { Path = Path.Combine(_artifactDirectory, $"{Name}.png"), FullPage = true }));
            }
            await Context.Tracing.StopAsync(new() { Path = Path.Combine(_artifactDirectory, $"{Name}-trace.zip") });
            await File.WriteAllLinesAsync(Path.Combine(_artifactDirectory, $"{Name}-console.log"), _console);
            await Context.CloseAsync();
            if (!_video.Available)
            {
                await File.WriteAllTextAsync(Path.Combine(_artifactDirectory, $"{Name}-video-not-recorded.txt"), _video.Explanation);
            }
        }
        else
        {
            await Context.Tracing.StopAsync();
            await Context.CloseAsync();
            if (Page.Video is { } video)
            {
                await video.DeleteAsync();
            }
        }
    }

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (PlaywrightException)
        {
            // A screenshot of a crashed page is not worth masking the original failure.
        }
    }
}
