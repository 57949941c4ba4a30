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
        var redactor = new Http.SecretRedactor();
        foreach (var secret in SecretValues(args))
        {
            redactor.Add(secret);
        }

        redactor.Add(Environment.GetEnvironmentVariable(CommonOptions.TokenVariable));
        redactor.Add(Environment.GetEnvironmentVariable(CommonOptions.LiveKitSecretVariable));
        var io = new DoctorConsole(output, error, http, redactor);
        var root = new RootCommand("rtc-doctor: diagnose a MatrixRTC (Element Call) deployment and repair stuck calls")
        {
            CheckCommand.Create(io),
            CallsCommand.Create(io),
            UnstickCommand.Create(io),
        };

        // Matrix user IDs start with '@', which System.CommandLine would read as a response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                io.Fail(redactor.Redact(problem.Message));
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

    /// <summary>Values given to secret options, so a parse error that echoes an argument cannot show them.</summary>
    private static IEnumerable<string> SecretValues(string[] args)
    {
        string[] secretOptions = ["--token", "-t", "--livekit-secret"];
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (secretOptions.Contains(name))
            {
                if (inline is not null)
                {
                    yield return inline;
                }
                else if (i + 1 < args.Length)
                {
                    yield return args[i + 1];
                }
            }
        }
    }
}
