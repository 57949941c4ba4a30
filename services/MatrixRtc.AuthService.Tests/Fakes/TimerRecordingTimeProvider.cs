using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> that also records the due time of every timer created
/// from it (Task.Delay, CancellationTokenSource timeouts, ITimer), once the timer is armed: a test
/// waits for the wait it expects before it advances time, and sees how long that wait is.
/// </summary>
internal sealed class TimerRecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> armed = new();

    /// <summary>The due times of the timers created so far, oldest first.</summary>
    public IReadOnlyList<TimeSpan> ArmedTimers => [.. armed];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        armed.Enqueue(dueTime);
        return timer;
    }
}
