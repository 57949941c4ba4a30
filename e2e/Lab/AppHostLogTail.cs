using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// A logger provider for the AppHost the suite starts: keeps its last lines (its own messages and,
/// through Aspire.Hosting.Testing's forwarding, each resource's console output) for a failure message.
/// </summary>
public sealed class AppHostLogTail(int capacity = 60) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Aspire.Hosting.Testing forwards a resource's console output under the category <c>&lt;AppHost&gt;.Resources.&lt;resource&gt;</c>.</summary>
    private const string ResourceCategoryMarker = ".Resources.";

    public ILogger CreateLogger(string categoryName) => new Logger(this, ShortCategory(categoryName));

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private static string ShortCategory(string category) =>
        category.LastIndexOf(ResourceCategoryMarker, StringComparison.Ordinal) is var at and >= 0
            ? category[(at + ResourceCategoryMarker.Length)..]
            : category[(category.LastIndexOf('.') + 1)..];

    public void Dispose()
    {
    }

    private sealed class Logger(AppHostLogTail tail, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel >= LogLevel.Warning ? $" {logLevel.ToString().ToLowerInvariant()}:" : "";
            var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            tail.Add($"[{category}]{level} {formatter(state, exception)}{error}");
        }
    }
}
