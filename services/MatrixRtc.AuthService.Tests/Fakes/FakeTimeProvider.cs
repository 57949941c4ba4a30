namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>Time that only moves when a test calls <see cref="Advance"/>; timers fire in due order.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset now = new(2026, 7, 23, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>How long until each armed timer fires.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers
    {
        get
        {
            lock (sync)
            {
                return [.. timers.Select(t => t.Due - now).Order()];
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (sync)
        {
            target = now + by;
        }

        while (true)
        {
            FakeTimer? next;
            lock (sync)
            {
                next = timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    now = target;
                    return;
                }

                now = next.Due > now ? next.Due : now;
                if (next.Period == Timeout.InfiniteTimeSpan || next.Period <= TimeSpan.Zero)
                {
                    timers.Remove(next);
                }
                else
                {
                    next.Due += next.Period;
                }
            }

            next.Fire();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.sync)
            {
                owner.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Due = owner.now + dueTime;
                Period = period;
                owner.timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (owner.sync)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
