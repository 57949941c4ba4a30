using System.Diagnostics;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.Synapse;
using MatrixRtc.AuthService.Testing;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;

namespace MatrixRtc.AuthService.IntegrationTests.Local;

/// <summary>
/// The real Synapse as a local process from the Synapse root (<c>synapse-in-root.sh</c>), on a free
/// loopback port, with its config, SQLite database and media in a temporary folder of its own. Runs
/// the same <see cref="SynapseTestConfig"/> as the container. Stopped with SIGTERM (then killed), and
/// the folder removed, on dispose.
/// </summary>
public sealed class LocalSynapse : ISynapseUnderTest
{
    /// <summary>A fresh SQLite database takes 2–6 s on an idle machine; far longer on a busy one.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>For one command run in the root (a Python start, a SQLite update).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private const string Loopback = "127.0.0.1";

    private readonly SynapseRootInstallation installation;
    private readonly LocalServerProcess process;
    private readonly string folder;
    private readonly string databasePath;

    private LocalSynapse(SynapseRootInstallation installation, LocalServerProcess process, string folder, SynapseTestConfig config, Uri baseUrl)
    {
        this.installation = installation;
        this.process = process;
        this.folder = folder;
        databasePath = config.Database.Args.Database;
        RegistrationSharedSecret = config.RegistrationSharedSecret;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string RegistrationSharedSecret { get; }

    /// <exception cref="InvalidOperationException">Synapse exited or did not answer within <see cref="StartTimeout"/>; the message has its output.</exception>
    public static async Task<LocalSynapse> StartAsync(SynapseRootInstallation installation, TimeProvider time, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("matrixrtc-integration-synapse-").FullName;
        var port = FreeTcpPort.Pick();
        var config = SynapseTestConfig.Create(folder, folder, port, Loopback);
        var configPath = Path.Combine(folder, "homeserver.yaml");
        await File.WriteAllTextAsync(configPath, YamlWriter.Serialize(config), cancellationToken);
        await File.WriteAllTextAsync(config.SigningKeyPath, SynapseTestConfig.NewSigningKey(), cancellationToken);

        var process = LocalServerProcess.Start("Synapse", InRoot(installation, folder, "-c", configPath));
        var synapse = new LocalSynapse(installation, process, folder, config, new Uri($"http://{Loopback}:{port}/"));
        try
        {
            await synapse.WaitUntilAnsweringAsync(time, cancellationToken);
            return synapse;
        }
        catch
        {
            await synapse.DisposeAsync();
            throw;
        }
    }

    public async Task ExpireOpenIdTokenAsync(string token, CancellationToken cancellationToken)
    {
        // The database is a file in the folder the wrapper binds into the root (the working directory).
        var start = InRoot(installation, folder, ["--run", .. OpenIdTokenExpiry.Command(databasePath, token)]);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var command = Process.Start(start) ?? throw new InvalidOperationException($"{installation.Wrapper} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var errors = command.StandardError.ReadToEndAsync(timeout.Token);
        var output = command.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await command.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            command.Kill(entireProcessTree: true);
            throw new TimeoutException($"Expiring the OpenID token in the Synapse root took longer than {CommandTimeout.TotalSeconds:0} s");
        }

        OpenIdTokenExpiry.EnsureSucceeded(command.ExitCode, await errors + await output);
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(folder, recursive: true);
        // The wrapper made an empty mount point for the folder inside the root; it served this run only.
        var mountPoint = installation.Root + folder;
        if (Directory.Exists(mountPoint) && !Directory.EnumerateFileSystemEntries(mountPoint).Any())
        {
            Directory.Delete(mountPoint);
        }
    }

    /// <summary><c>synapse-in-root.sh ARGS</c>, in <paramref name="folder"/> (which the wrapper binds into the root).</summary>
    private static ProcessStartInfo InRoot(SynapseRootInstallation installation, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(installation.Wrapper) { WorkingDirectory = folder, UseShellExecute = false };
        start.Environment[SynapseRootLocation.Variable] = installation.Root;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilAnsweringAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var since = time.GetTimestamp();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("_matrix/client/versions", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local Synapse ({installation.Wrapper}) did not start: {process.DescribeExit()}");
            }

            if (time.GetElapsedTime(since) > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"The local Synapse did not answer at {BaseUrl} within {StartTimeout.TotalSeconds:0} s. Its last output:\n{process.OutputTail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }
}
