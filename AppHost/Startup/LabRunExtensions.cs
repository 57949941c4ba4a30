namespace MatrixRtcLab.AppHost.Startup;

public static class LabRunExtensions
{
    /// <summary>
    /// Runs the lab until Ctrl+C. Stopped while resources are still waiting for each other, the
    /// orchestrator's start is cancelled: that is a normal stop, reported in one line, not a failure.
    /// </summary>
    public static async Task<int> RunLabAsync(this DistributedApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Out.WriteLineAsync("MatrixRTC Lab stopped before every resource was up.");
            return 0;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"MatrixRTC Lab cannot start: {e.Message} Is another lab (or its dashboard) still running?");
            return 1;
        }
    }
}
