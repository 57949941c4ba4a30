namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Waits (in real time) for a condition that background work will make true.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
