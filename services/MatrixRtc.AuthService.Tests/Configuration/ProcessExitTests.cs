using System.Diagnostics;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Configuration;

/// <summary>The real binary: bad configuration exits with status 1 and one line naming the variable.</summary>
public sealed class ProcessExitTests
{
    [Theory]
    [InlineData("LIVEKIT_FULL_ACCESS_HOMESERVERS", null)]
    [InlineData("LIVEKIT_SANITY_CHECK_INTERVAL_SECONDS", "-1")]
    [InlineData("LIVEKIT_JWT_BIND", "no-such-host.invalid:8080")]
    [InlineData("LIVEKIT_CS_API_URL_OVERRIDES", "example.com")]
    [InlineData("LIVEKIT_FEDERATION_URL_OVERRIDES", "example.com=synapse:8008")]
    public async Task Bad_configuration_exits_1_naming_the_variable(string variable, string? value)
    {
        var environment = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = "ws://127.0.0.1:7880",
            ["LIVEKIT_KEY"] = "key",
            ["LIVEKIT_SECRET"] = "secret-that-must-not-be-printed",
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = "example.com",
            ["LIVEKIT_JWT_BIND"] = "127.0.0.1:0",
            [variable] = value,
        };

        var (exitCode, output) = await RunAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains(variable, output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-that-must-not-be-printed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment)
    {
        var start = ServiceBinary.StartInfo(environment);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
