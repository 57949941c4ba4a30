using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace MatrixRtc.AuthService.Tests.Redis;

/// <summary>
/// A real redis-server on a free loopback port (no persistence: <c>--save "" --appendonly no</c>),
/// which a test can kill and start again on the same port. Tests skip when redis-server is absent.
/// </summary>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string[] extraArguments;
    private Process? process;

    private RedisServerProcess(int port, string[] extraArguments)
    {
        Port = port;
        this.extraArguments = extraArguments;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        if (Executable is null)
        {
            Assert.Skip("redis-server is not installed (Debian package redis-server)");
        }

        var server = new RedisServerProcess(FreePort(), extraArguments);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready once it answers a command (+PONG, or -NOAUTH with a password): by then every listener, also a Unix socket, is open.
        var deadline = DateTime.UtcNow.AddSeconds(10);
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

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A plain client connection of the test's own, to look at or prepare what the service stores.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, Port } } });

    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
