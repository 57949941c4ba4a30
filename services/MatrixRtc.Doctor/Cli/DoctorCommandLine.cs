using System.CommandLine;

namespace MatrixRtc.Doctor.Cli;

/// <summary>The <c>rtc-doctor</c> command line, callable in-process (tests, the lab's AppHost).</summary>
public static class DoctorCommandLine
{
    /// <param name="http">Use this client for every request (default: <see cref="Http.DoctorHttpClient.Create"/>).</param>
    /// <returns>0 nothing failed, 1 something failed, 2 usage error (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter? output = null,
        TextWriter? error = null,
        HttpClient? http = null,
        CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var io = new DoctorConsole(output, error, http);
        var root = new RootCommand("rtc-doctor: diagnose a MatrixRTC (Element Call) deployment and repair stuck calls")
        {
            CheckCommand.Create(io),
            CallsCommand.Create(io),
            UnstickCommand.Create(io),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                io.Fail(problem.Message);
            }

            error.WriteLine("Run 'rtc-doctor --help' for usage.");
            return ExitCodes.Usage;
        }

        if (parse.CommandResult.Command == root && !args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            io.Fail("a command is required: check, calls or unstick");
            error.WriteLine("Run 'rtc-doctor --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
