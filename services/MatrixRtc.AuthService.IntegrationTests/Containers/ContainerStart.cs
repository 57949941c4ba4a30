using DotNet.Testcontainers.Containers;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>Starts a container and, if it never becomes ready, fails with its logs.</summary>
public static class ContainerStart
{
    public static async Task StartAsync(IContainer container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (stdout, stderr) = await container.GetLogsAsync(ct: CancellationToken.None);
            await container.DisposeAsync();
            throw new InvalidOperationException(
                $"{name} ({container.Image.FullName}) did not start: {e.Message}\n--- stdout ---\n{Tail(stdout)}\n--- stderr ---\n{Tail(stderr)}", e);
        }
    }

    private static string Tail(string log) => log.Length <= 8000 ? log : log[^8000..];
}
