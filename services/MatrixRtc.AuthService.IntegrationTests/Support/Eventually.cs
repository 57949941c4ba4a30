namespace MatrixRtc.AuthService.IntegrationTests.Support;

/// <summary>Polls (in real time) for something the real servers will make true.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan within, Func<string>? diagnostics = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {within.TotalSeconds:0} s waiting for: {what}{(diagnostics is null ? "" : "\n" + diagnostics())}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan within, Func<string>? diagnostics = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within, diagnostics);
}
