namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// The waits between attempts used for MSC4140 calls and SFU lookups: start at 1 s, grow ×1.5 up to
/// 60 s, each wait randomised ±50 % (the parameters of cenkalti/backoff as the Go service uses them).
/// One instance per retry loop; the <see cref="Random"/> may be shared, it is locked while drawn.
/// </summary>
public sealed class ExponentialBackoff(Random random)
{
    public static readonly TimeSpan InitialInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);
    public const double Multiplier = 1.5;
    public const double RandomizationFactor = 0.5;

    private TimeSpan current = InitialInterval;

    public TimeSpan Next()
    {
        double draw;
        lock (random)
        {
            draw = random.NextDouble();
        }

        var delta = RandomizationFactor * current.TotalMilliseconds;
        // Whole milliseconds: the resolution of Task.Delay.
        var wait = TimeSpan.FromMilliseconds((long)Math.Round(current.TotalMilliseconds - delta + (draw * 2 * delta)));
        current = current.TotalMilliseconds >= MaxInterval.TotalMilliseconds / Multiplier ? MaxInterval : current * Multiplier;
        return wait;
    }

    public void Reset() => current = InitialInterval;
}
