using System.Text;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// Keeps a copy of what is written to <see cref="Console.Error"/> while it is alive, and still passes it
/// through. The AppHost runs in this process and prints why it refuses to start there (no container
/// runtime, a bad <c>Lab:*</c> switch) before it returns without building its application.
/// </summary>
public sealed class ConsoleErrorCapture : IDisposable
{
    private readonly TextWriter _original = Console.Error;
    private readonly StringWriter _copy = new();

    public ConsoleErrorCapture() => Console.SetError(TextWriter.Synchronized(new Tee(_original, _copy)));

    /// <summary>What was written so far.</summary>
    public string Text
    {
        get
        {
            lock (_copy)
            {
                return _copy.ToString();
            }
        }
    }

    public void Dispose() => Console.SetError(_original);

    private sealed class Tee(TextWriter original, StringWriter copy) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value)
        {
            original.Write(value);
            lock (copy)
            {
                copy.Write(value);
            }
        }

        public override void Write(string? value)
        {
            original.Write(value);
            lock (copy)
            {
                copy.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            original.WriteLine(value);
            lock (copy)
            {
                copy.WriteLine(value);
            }
        }

        public override void Flush() => original.Flush();
    }
}
