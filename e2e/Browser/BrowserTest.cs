using MatrixRtcLab.E2E.Artifacts;
using Xunit;

namespace MatrixRtcLab.E2E.Browser;

/// <summary>
/// Base for tests that open browsers: every session it opens is closed at the end, and when the
/// test failed each one leaves its trace, screenshot, video and console log in the run's folder.
/// </summary>
public abstract class BrowserTest(BrowserHost browsers, RunArtifacts artifacts) : IAsyncLifetime
{
    private readonly List<BrowserSession> _sessions = [];

    protected BrowserHost Browsers => browsers;

    protected RunArtifacts Artifacts => artifacts;

    protected static string TestName => TestContext.Current.Test?.TestDisplayName ?? "unknown-test";

    protected async Task<BrowserSession> OpenSessionAsync(string name)
    {
        var session = await BrowserSession.OpenAsync(browsers, name, artifacts.DirectoryFor(TestName));
        lock (_sessions)
        {
            _sessions.Add(session);
        }
        return session;
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        if (failed && _sessions.Count > 0)
        {
            artifacts.RecordFailure(TestName);
        }
        var errors = new List<Exception>();
        foreach (var session in _sessions)
        {
            try
            {
                await session.CloseAsync(keepArtifacts: failed);
            }
            catch (Microsoft.Playwright.PlaywrightException e)
            {
                errors.Add(e);
            }
        }
        GC.SuppressFinalize(this);
        if (errors.Count > 0)
        {
            throw new AggregateException("Closing the test's browser sessions failed.", errors);
        }
    }
}
