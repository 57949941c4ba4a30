using System.Collections.Concurrent;
using Xunit;

namespace MatrixRtcLab.E2E.Artifacts;

/// <summary>
/// The one folder of this run where failed tests leave traces, screenshots, videos and browser
/// console logs. Its path is printed at the end of the run (and appended to TestResults/e2e/summary.txt).
/// </summary>
public sealed class RunArtifacts : IAsyncDisposable
{
    /// <summary>Overrides the folder (default: TestResults/e2e/&lt;timestamp&gt; under the repository root).</summary>
    public const string DirectoryVariable = "MATRIXRTC_E2E_ARTIFACTS";

    private readonly ConcurrentDictionary<string, string> _failed = new();

    public RunArtifacts()
        : this(Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.FromTestAssembly(), "TestResults", "e2e", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")))
    {
    }

    internal RunArtifacts(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public IReadOnlyDictionary<string, string> Failed => _failed;

    /// <summary>The folder for one test (created on first use).</summary>
    public string DirectoryFor(string testName)
    {
        var safe = new string([.. testName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        return Path.Combine(Root, safe.Length > 120 ? safe[..120] : safe);
    }

    public void RecordFailure(string testName) => _failed[testName] = DirectoryFor(testName);

    public ValueTask DisposeAsync()
    {
        var summary = _failed.IsEmpty
            ? $"e2e artifacts: no browser test failed, nothing kept (folder would have been {Root})"
            : $"e2e artifacts of {_failed.Count} failed test(s) (trace.zip per user: `npx playwright show-trace <file>`): {Root}"
              + string.Concat(_failed.Select(f => $"{Environment.NewLine}  {f.Key}: {f.Value}"));
        RunSummary.Write(summary);
        return ValueTask.CompletedTask;
    }
}
