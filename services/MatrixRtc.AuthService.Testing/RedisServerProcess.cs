using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.Testing;

/// <summary>
/// A real redis-server on a free loopback port (no persistence: <c>--save "" --appendonly no</c>),
/// which a test can kill and start again on the same port. Callers check <see cref="Executable"/>
/// first and decide themselves what a missing redis-server means (a skip, usually).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    /// <summary>How long a start may take before it counts as failed.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public const string NotInstalled = "redis-server is not installed (Debian package redis-server)";

    private readonly string[] extraArguments;
    private readonly TimeProvider time;
    private LocalServerProcess? process;

    private RedisServerProcess(int port, string[] extraArguments, TimeProvider time)
    {
        Port = port;
        this.extraArguments = extraArguments;
        this.time = time;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>The redis-server binary, or null when it is not installed.</summary>
    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    /// <exception cref="InvalidOperationException">redis-server is not installed, or did not answer in time.</exception>
    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        var server = new RedisServerProcess(FreeTcpPort.Pick(), extraArguments, TimeProvider.System);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(NotInstalled);
        var start = new ProcessStartInfo(executable);
        foreach (var argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        var started = LocalServerProcess.Start("redis-server", start);
        process = started;

        // Ready once it answers a command (+PONG, or -NOAUTH with a password): by then every listener, also a Unix socket, is open.
        var since = time.GetTimestamp();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                if (await stream.ReadAsync(new byte[64]) > 0)
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }

            if (started.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {started.DescribeExit()}");
            }

            if (time.GetElapsedTime(since) > StartTimeout)
            {
                await started.KillAsync();
                throw new InvalidOperationException(
                    $"redis-server did not answer on port {Port} within {StartTimeout.TotalSeconds:0} s. Its last output:\n{started.OutputTail()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A plain client connection of the test's own, to look at or prepare what the service stores.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, Port } } });

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (process is not null)
        {
            await process.KillAsync();
            await process.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Stops the server (SIGTERM, then kill).</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }
}
