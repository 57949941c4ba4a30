using System.Diagnostics;

namespace MatrixRtcLab.Topology.Tests.Support;

/// <summary>One occ call the hook made: its arguments (after <c>php occ</c>) and OC_PASS.</summary>
public sealed record OccCall(IReadOnlyList<string> Arguments, string? Password)
{
    public string Command => Arguments[0];

    public string Option(string name)
    {
        var index = Arguments.ToList().IndexOf(name);
        Assert.True(index >= 0 && index + 1 < Arguments.Count, $"{Command} has no {name}");
        return Arguments[index + 1];
    }
}

/// <summary>
/// Runs the rendered Nextcloud hook with the real /bin/sh, a stub <c>php</c> first on PATH that
/// records each occ call. <c>user:info</c> succeeds only for <paramref name="existingUsers"/>;
/// <c>oidc:remove</c> fails (no client yet); <paramref name="failingCommand"/> fails.
/// </summary>
public static class NextcloudHookRun
{
    private const string Stub = """
        #!/bin/sh
        shift
        { printf 'OC_PASS=%s\0' "${OC_PASS-<unset>}"; printf '%s\0' "$@"; printf '\036'; } >> "$OCC_LOG"
        case "$1" in
          user:info) for u in $EXISTING_USERS; do [ "$u" = "$2" ] && exit 0; done; echo "user not found"; exit 1 ;;
          oidc:remove) echo "could not find client" >&2; exit 1 ;;
        esac
        [ "$1" = "$FAILING_COMMAND" ] && { echo "simulated failure of $1" >&2; exit 1; }
        exit 0
        """;

    public static IReadOnlyList<OccCall> Execute(string hookPath, string existingUsers = "", string failingCommand = "") =>
        Run(hookPath, existingUsers, failingCommand).Calls;

    public static (int ExitCode, IReadOnlyList<OccCall> Calls, string Error) Run(string hookPath, string existingUsers = "", string failingCommand = "")
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The Nextcloud hook is a POSIX shell script; running it needs /bin/sh.");
            return default;
        }

        using var temp = new TemporaryDirectory();
        var bin = Path.Combine(temp.Path, "bin");
        Directory.CreateDirectory(bin);
        var php = Path.Combine(bin, "php");
        File.WriteAllText(php, Stub.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(php, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = Path.Combine(temp.Path, "occ.log");

        var start = new ProcessStartInfo("/bin/sh", [hookPath]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        start.Environment["OCC_LOG"] = log;
        start.Environment["EXISTING_USERS"] = existingUsers;
        start.Environment["FAILING_COMMAND"] = failingCommand;
        start.Environment.Remove("OC_PASS");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        var calls = File.Exists(log)
            ? File.ReadAllText(log).Split('\x1e', StringSplitOptions.RemoveEmptyEntries)
                .Select(record => record.TrimEnd('\0').Split('\0'))
                .Select(fields => new OccCall(fields[1..], fields[0] == "OC_PASS=<unset>" ? null : fields[0]["OC_PASS=".Length..]))
                .ToList()
            : [];
        return (process.ExitCode, calls, error.Result);
    }
}
