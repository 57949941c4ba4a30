using Xunit;

namespace MatrixRtcLab.E2E.Artifacts;

/// <summary>
/// Where end-of-run lines go: xunit diagnostic messages (shown by <c>dotnet test</c> because
/// xunit.runner.json turns them on), stderr for runners that show the test process's output, and
/// TestResults/e2e/summary.txt, which is kept.
/// </summary>
public static class RunSummary
{
    private static readonly Lock Gate = new();

    public static void Write(string text)
    {
        lock (Gate)
        {
            TestContext.Current.SendDiagnosticMessage(text);
            Console.Error.WriteLine(text);
            var file = Path.Combine(RepositoryRoot.FromTestAssembly(), "TestResults", "e2e", "summary.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, $"[{DateTime.UtcNow:u}] {text}{Environment.NewLine}");
        }
    }
}
