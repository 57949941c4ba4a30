using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MatrixRtcLab.Topology.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port (Debian's postgresql package). Its
/// default locale is C.UTF-8, so a database only gets the C collation if it asks for it.
/// Runs initdb/pg_ctl as the postgres user when the tests run as root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private TemporaryDirectory? directory;
    private string? binDirectory;
    private string? dataDirectory;

    /// <summary>Why the server could not be started, if it could not.</summary>
    public string? Missing { get; private set; }

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        binDirectory = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (binDirectory is null)
        {
            Missing = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb; Debian package postgresql)";
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Missing = "a Unix host (the test drives Debian's initdb/pg_ctl)";
            return;
        }

        var asRoot = Environment.UserName == "root";
        if (asRoot && !File.Exists("/usr/sbin/runuser"))
        {
            Missing = "runuser, to run initdb as the postgres user (initdb refuses root)";
            return;
        }

        directory = new TemporaryDirectory();
        dataDirectory = Path.Combine(directory.Path, "data");
        var socketDirectory = Path.Combine(directory.Path, "socket");
        Directory.CreateDirectory(socketDirectory);
        if (asRoot)
        {
            await Run("/bin/chown", ["-R", "postgres:postgres", directory.Path], asPostgres: false);
            File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var port = FreeLoopbackPort();
        await Run(Path.Combine(binDirectory, "initdb"),
            ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], asRoot);
        await Run(Path.Combine(binDirectory, "pg_ctl"),
            ["-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(directory.Path, "server.log"),
             "-o", $"-p {port} -k {socketDirectory} -c listen_addresses=127.0.0.1", "start"], asRoot);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    public async ValueTask DisposeAsync()
    {
        if (binDirectory is not null && dataDirectory is not null && ConnectionString.Length > 0)
        {
            await Run(Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"],
                Environment.UserName == "root");
        }

        directory?.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string program, string[] arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
