namespace MatrixRtcLab.E2E.Media;

/// <summary>
/// Decides from successive <see cref="MediaSnapshot"/>s whether remote media is really arriving:
/// decoded video frames and received audio bytes must keep growing, not merely be non-zero.
/// The same check serves the loopback tests and the Element Call tests.
/// </summary>
public sealed class MediaFlowCheck(Poller poller)
{
    public static MediaFlowCheck System { get; } = new(Poller.System);

    /// <summary>How often to sample.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many consecutive samples must each show growth in both video and audio.</summary>
    public int GrowingSamplesRequired { get; init; } = 3;

    /// <summary>
    /// Waits until remote video frames decode and audio bytes arrive, and both keep growing over
    /// <see cref="GrowingSamplesRequired"/> consecutive samples.
    /// </summary>
    /// <param name="since">Timestamp (of <see cref="Poller.Time"/>) the first-frame time is measured from; default now.</param>
    public async Task<MediaFlowResult> WaitForFlowAsync(
        Func<CancellationToken, Task<MediaSnapshot>> sample,
        TimeSpan timeout,
        CancellationToken cancellationToken = default,
        long? since = null)
    {
        var started = since ?? poller.Time.GetTimestamp();
        TimeSpan? firstFrame = null;
        MediaSnapshot? first = null;
        MediaSnapshot? previous = null;
        var growing = 0;

        var last = await poller.UntilAsync(
            $"remote video frames and audio bytes to keep growing for {GrowingSamplesRequired} samples",
            async ct =>
            {
                var now = await sample(ct);
                first ??= now;
                if (firstFrame is null && now.VideoFramesDecoded > 0)
                {
                    firstFrame = poller.Time.GetElapsedTime(started);
                }
                growing = previous is not null && Grows(previous, now) ? growing + 1 : 0;
                previous = now;
                return now;
            },
            _ => growing >= GrowingSamplesRequired,
            timeout,
            Interval,
            cancellationToken);

        return new MediaFlowResult(firstFrame ?? poller.Time.GetElapsedTime(started), first!, last);
    }

    /// <summary>
    /// Asserts that remote media has stopped: after <paramref name="settle"/> (packets in flight,
    /// jitter buffer), neither decoded frames nor received audio bytes grow during <paramref name="window"/>.
    /// </summary>
    public async Task<(MediaSnapshot Before, MediaSnapshot After)> WaitForSilenceAsync(
        Func<CancellationToken, Task<MediaSnapshot>> sample,
        TimeSpan settle,
        TimeSpan window,
        CancellationToken cancellationToken = default)
    {
        await Task.Delay(settle, poller.Time, cancellationToken);
        var before = await sample(cancellationToken);
        await Task.Delay(window, poller.Time, cancellationToken);
        var after = await sample(cancellationToken);
        if (after.VideoFramesDecoded > before.VideoFramesDecoded || after.AudioBytesReceived > before.AudioBytesReceived)
        {
            throw new MediaStillFlowingException(before, after, window);
        }
        return (before, after);
    }

    /// <summary>Both remote video and remote audio advanced between two samples.</summary>
    public static bool Grows(MediaSnapshot earlier, MediaSnapshot later) =>
        later.VideoFramesDecoded > earlier.VideoFramesDecoded && later.AudioBytesReceived > earlier.AudioBytesReceived;
}
