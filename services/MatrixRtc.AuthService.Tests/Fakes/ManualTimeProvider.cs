namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>A clock that only moves when the test says so (no timers needed by its users).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
