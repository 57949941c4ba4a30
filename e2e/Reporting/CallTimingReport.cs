using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MatrixRtcLab.E2E.Artifacts;

namespace MatrixRtcLab.E2E.Reporting;

/// <summary>Collects <see cref="CallTimings"/> from every call test and prints one table at the end of the run.</summary>
public sealed class CallTimingReport : IAsyncDisposable
{
    private readonly ConcurrentQueue<CallTimings> _timings = new();

    public void Record(CallTimings timings) => _timings.Enqueue(timings);

    public IReadOnlyCollection<CallTimings> All => _timings;

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"e2e call timings (target: connected within {CallTimings.ConnectTarget.TotalSeconds:0} s of clicking join)");
        text.AppendLine("| test | log in | connect | first remote frame | within target |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var t in _timings.OrderBy(t => t.Test, StringComparer.Ordinal))
        {
            var verdict = t.Connect is null ? "-" : t.Connect <= CallTimings.ConnectTarget ? "yes" : "NO";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Test} | {Seconds(t.LogIn)} | {Seconds(t.Connect)} | {Seconds(t.FirstRemoteFrame)} | {verdict} |");
        }
        return text.ToString().TrimEnd();
    }

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture) : "-";

    public ValueTask DisposeAsync()
    {
        RunSummary.Write(_timings.IsEmpty ? "e2e call timings: no call test ran (no lab; see the skip reasons)" : Render());
        return ValueTask.CompletedTask;
    }
}
