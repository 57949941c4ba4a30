using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Matrix;
using Spectre.Console;

namespace MatrixRtc.Doctor.Cli;

/// <summary>Where a command writes and how its errors become exit codes; shared by all commands of one invocation.</summary>
/// <param name="redactor">Knows the secrets given on the command line or in the environment; every message passes through it.</param>
internal sealed class DoctorConsole(TextWriter output, TextWriter error, HttpClient? http, SecretRedactor redactor)
{
    public TextWriter Output => output;

    public IAnsiConsole Console { get; } = CreateConsole(output);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        // Colours only on a terminal; redirected output (files, pipes, tests) is plain and not wrapped at 80 columns.
        var terminal = output == System.Console.Out && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    public void Fail(string message) => error.WriteLine($"rtc-doctor: {redactor.Redact(message)}");

    /// <summary>Runs <paramref name="work"/> with an HttpClient and maps the doctor's exceptions to exit codes and one-line messages.</summary>
    public async Task<int> RunAsync(Func<HttpClient, Task<int>> work, bool acceptAnyCertificate = false)
    {
        var owned = http is null ? DoctorHttpClient.Create(acceptAnyCertificate) : null;
        try
        {
            return await work(http ?? owned!);
        }
        catch (DoctorUsageException e)
        {
            Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (MatrixApiException e) when (e.Status == 401 || e.ErrCode is "M_UNKNOWN_TOKEN" or "M_MISSING_TOKEN")
        {
            Fail($"the access token was refused: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (MatrixApiException e)
        {
            Fail(e.Status == 403 ? $"{e.Message} (is the user joined to the room?)" : e.Message);
            return ExitCodes.Failed;
        }
        catch (LiveKitApiException e)
        {
            Fail(e.Message);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            Fail("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // Never a stack trace for users; the message of an unexpected error is still worth reporting.
            Fail($"unexpected error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
