namespace MatrixRtcLab.E2E.Media;

/// <summary>
/// Polls a probe until its value satisfies a condition (Playwright for .NET has no expect.poll).
/// Fails with the description and the last value seen, so a timeout says what was wrong.
/// </summary>
public sealed class Poller(TimeProvider time)
{
    public static Poller System { get; } = new(TimeProvider.System);

    public TimeProvider Time => time;

    public async Task<T> UntilAsync<T>(
        string description,
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> done,
        TimeSpan timeout,
        TimeSpan interval,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var value = await probe(cancellationToken);
            if (done(value))
            {
                return value;
            }
            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {description}; last seen: {value}");
            }
            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
