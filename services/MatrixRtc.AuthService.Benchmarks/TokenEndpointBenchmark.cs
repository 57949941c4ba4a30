using System.Globalization;
using System.Text;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>
/// POST /get_token of the real service (its own process) against an instant fake homeserver (its
/// own process), next to this machine's floor (a trivial ASP.NET Core endpoint) in the same run.
/// </summary>
public static class TokenEndpointBenchmark
{
    private const string ServerName = "bench.localhost";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var here = AppContext.BaseDirectory;
        var self = Path.Combine(here, "MatrixRtc.AuthService.Benchmarks.dll");
        var service = Path.Combine(here, "matrixrtc-auth-service.dll");
        var duration = TimeSpan.FromSeconds(options.Seconds);

        var homeserverPort = ChildProcess.FreePort();
        using var homeserver = await ChildProcess.StartAsync(self, ["homeserver", Port(homeserverPort), ServerName], new Dictionary<string, string>(), homeserverPort);
        var floorPort = ChildProcess.FreePort();
        using var floor = await ChildProcess.StartAsync(self, ["floor", Port(floorPort)], new Dictionary<string, string>(), floorPort);
        var servicePort = ChildProcess.FreePort();
        using var auth = await ChildProcess.StartAsync(service, [], new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = "ws://127.0.0.1:7880",
            ["LIVEKIT_KEY"] = "bench-key",
            ["LIVEKIT_SECRET"] = "bench-secret-" + Guid.NewGuid().ToString("N"),
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = "nobody.invalid", // restricted: no SFU call, as for any federated user
            ["LIVEKIT_JWT_BIND"] = $"127.0.0.1:{servicePort}",
            ["LIVEKIT_FEDERATION_URL_OVERRIDES"] = $"{ServerName}=http://127.0.0.1:{homeserverPort}",
            ["LIVEKIT_LOG_LEVEL"] = "warn",
        }, servicePort);

        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["room_id"] = $"!bench:{ServerName}",
            ["slot_id"] = "m.call#ROOM",
            ["openid_token"] = new Dictionary<string, object>
            {
                ["access_token"] = "bench-token", ["token_type"] = "Bearer", ["matrix_server_name"] = ServerName, ["expires_in"] = 3600,
            },
            ["member"] = new Dictionary<string, string>
            {
                ["id"] = "member", ["claimed_user_id"] = $"@bench:{ServerName}", ["claimed_device_id"] = "DEVICE",
            },
        });
        using var floorLoad = new LoadDriver(new Uri($"http://127.0.0.1:{floorPort}/get_token"), body);
        using var serviceLoad = new LoadDriver(new Uri($"http://127.0.0.1:{servicePort}/get_token"), body);

        // Warm-up (JIT, connection pools), then the measured runs.
        await floorLoad.ClosedLoopAsync("warm-up", options.Connections, TimeSpan.FromSeconds(3));
        await serviceLoad.ClosedLoopAsync("warm-up", options.Connections, TimeSpan.FromSeconds(3));
        var floorCpu = floor.CpuTime();
        var floorMax = await floorLoad.ClosedLoopAsync("floor, max throughput", options.Connections, duration);
        floorCpu = floor.CpuTime() - floorCpu;
        var (serviceCpu, homeserverCpu) = (auth.CpuTime(), homeserver.CpuTime());
        var serviceMax = await serviceLoad.ClosedLoopAsync("get_token, max throughput", options.Connections, duration);
        (serviceCpu, homeserverCpu) = (auth.CpuTime() - serviceCpu, homeserver.CpuTime() - homeserverCpu);
        var rssAfterMax = auth.ResidentMegabytes();
        var floorRate = await floorLoad.FixedRateAsync($"floor at {options.Rate}/s", options.Rate, duration);
        var serviceRate = await serviceLoad.FixedRateAsync($"get_token at {options.Rate}/s", options.Rate, duration);
        var rss = Math.Max(rssAfterMax, auth.ResidentMegabytes());

        var cpu = new CpuPerRequest(
            floorCpu.TotalMicroseconds / floorMax.Requests,
            serviceCpu.TotalMicroseconds / serviceMax.Requests,
            homeserverCpu.TotalMicroseconds / serviceMax.Requests);
        var report = Report(options, [floorMax, serviceMax, floorRate, serviceRate], serviceMax.RequestsPerSecond / floorMax.RequestsPerSecond,
            serviceRate.P99Ms - floorRate.P99Ms, rss, cpu);
        Console.WriteLine(report);
        if (options.OutputFile is not null)
        {
            await File.WriteAllTextAsync(options.OutputFile, report);
        }

        return 0;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private sealed record CpuPerRequest(double FloorMicroseconds, double ServiceMicroseconds, double HomeserverMicroseconds);

    private static string Report(BenchmarkOptions options, LoadResult[] results, double throughputShare, double addedP99, double rssMb, CpuPerRequest cpu)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Environment.ProcessorCount} cores, {options.Seconds} s per run, {options.Connections} connections (max throughput), {options.Rate} req/s (fixed rate)");
        text.AppendLine();
        text.AppendLine("| run | requests | failures | req/s | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(c, $"| {r.Name} | {r.Requests} | {r.Failures} | {r.RequestsPerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} |");
        }

        text.AppendLine();
        text.AppendLine(c, $"- throughput: {throughputShare:P0} of the floor (target ≥ 50 %): {(throughputShare >= 0.5 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- p99 added latency at {options.Rate} req/s: {addedP99:0.00} ms (target ≤ 2 ms): {(addedP99 <= 2 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- service RSS after load: {rssMb:0} MB (target ≤ 100 MB): {(rssMb <= 100 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- CPU per request (max-throughput runs): floor {cpu.FloorMicroseconds:0} µs; service {cpu.ServiceMicroseconds:0} µs, plus {cpu.HomeserverMicroseconds:0} µs in the fake homeserver; service alone = {cpu.FloorMicroseconds / cpu.ServiceMicroseconds:P0} of the floor's efficiency");
        return text.ToString();
    }
}
