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
        var relayPort = ChildProcess.FreePort();
        using var relay = await ChildProcess.StartAsync(self, ["relay-floor", Port(relayPort),
            $"http://127.0.0.1:{homeserverPort}/_matrix/federation/v1/openid/userinfo?access_token=bench-token"], new Dictionary<string, string>(), relayPort);
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
        using var relayLoad = new LoadDriver(new Uri($"http://127.0.0.1:{relayPort}/get_token"), body);
        using var serviceLoad = new LoadDriver(new Uri($"http://127.0.0.1:{servicePort}/get_token"), body);
        Target[] targets =
        [
            new("floor", floorLoad, floor),
            new("relay floor (floor + one userinfo GET)", relayLoad, relay),
            new("get_token", serviceLoad, auth),
        ];

        // Tiered JIT (with dynamic PGO) keeps recompiling hot methods for the first 20 s or so under
        // load; a shorter warm-up measures the JIT, not the service.
        foreach (var target in targets)
        {
            await target.Load.ClosedLoopAsync("warm-up", options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds));
        }

        // Rounds of floor, relay floor, service back to back: the machine's speed drifts over minutes,
        // so each round's ratios compare runs that were seconds apart, and the report takes medians.
        var rounds = new List<Measured[]>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var measured = new Measured[targets.Length];
            for (var i = 0; i < targets.Length; i++)
            {
                measured[i] = await MeasureAsync(targets[i], $"{targets[i].Name}, round {round}", homeserver, options.Connections, duration);
            }

            rounds.Add(measured);
        }

        var rssAfterMax = auth.ResidentMegabytes();
        var floorRate = await floorLoad.FixedRateAsync($"floor at {options.Rate}/s", options.Rate, duration);
        var serviceRate = await serviceLoad.FixedRateAsync($"get_token at {options.Rate}/s", options.Rate, duration);
        var rss = Math.Max(rssAfterMax, auth.ResidentMegabytes());

        var report = Report(options, rounds, [floorRate, serviceRate], serviceRate.P99Ms - floorRate.P99Ms, rss);
        Console.WriteLine(report);
        if (options.OutputFile is not null)
        {
            await File.WriteAllTextAsync(options.OutputFile, report);
        }

        return 0;
    }

    private static async Task<Measured> MeasureAsync(Target target, string name, ChildProcess homeserver, int connections, TimeSpan duration)
    {
        var (cpu, homeserverCpu) = (target.Process.CpuTime(), homeserver.CpuTime());
        var result = await target.Load.ClosedLoopAsync(name, connections, duration);
        (cpu, homeserverCpu) = (target.Process.CpuTime() - cpu, homeserver.CpuTime() - homeserverCpu);
        return new Measured(result, cpu.TotalMicroseconds / result.Requests, homeserverCpu.TotalMicroseconds / result.Requests);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A server under test, the driver that loads it and its process (for CPU time).</summary>
    private sealed record Target(string Name, LoadDriver Load, ChildProcess Process);

    /// <summary>One closed-loop run, with CPU per request of the target and of the fake homeserver.</summary>
    private sealed record Measured(LoadResult Result, double CpuMicroseconds, double HomeserverCpuMicroseconds);

    private static string Report(BenchmarkOptions options, List<Measured[]> rounds, LoadResult[] fixedRate, double addedP99, double rssMb)
    {
        const int Floor = 0, Relay = 1, Service = 2;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Environment.ProcessorCount} cores, {options.WarmupSeconds} s warm-up per target, {options.Rounds} rounds of {options.Seconds} s per target, {options.Connections} connections (max throughput), {options.Rate} req/s (fixed rate)");
        text.AppendLine();
        text.AppendLine("| run | requests | failures | req/s | p50 ms | p99 ms | max ms | CPU µs/req |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in rounds.SelectMany(r => r))
        {
            var r = m.Result;
            text.AppendLine(c, $"| {r.Name} | {r.Requests} | {r.Failures} | {r.RequestsPerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} | {m.CpuMicroseconds:0} |");
        }

        foreach (var r in fixedRate)
        {
            text.AppendLine(c, $"| {r.Name} | {r.Requests} | {r.Failures} | {r.RequestsPerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} | |");
        }

        double Share(int of, int to) => Median(rounds.Select(r => r[of].Result.RequestsPerSecond / r[to].Result.RequestsPerSecond));
        string PerRound(int of, int to) => string.Join(", ", rounds.Select(r => (r[of].Result.RequestsPerSecond / r[to].Result.RequestsPerSecond).ToString("P0", c)));
        double Cpu(int target) => Median(rounds.Select(r => r[target].CpuMicroseconds));
        var serviceOfFloor = Share(Service, Floor);

        text.AppendLine();
        text.AppendLine(c, $"- throughput: {serviceOfFloor:P0} of the floor (median of rounds: {PerRound(Service, Floor)}; target ≥ 50 %): {(serviceOfFloor >= 0.5 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- the relay floor reaches {Share(Relay, Floor):P0} of the floor ({PerRound(Relay, Floor)}); the service reaches {Share(Service, Relay):P0} of the relay floor ({PerRound(Service, Relay)})");
        text.AppendLine(c, $"- p99 added latency at {options.Rate} req/s: {addedP99:0.00} ms (target ≤ 2 ms): {(addedP99 <= 2 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- service RSS after load: {rssMb:0} MB (target ≤ 100 MB): {(rssMb <= 100 ? "met" : "NOT met")}");
        text.AppendLine(c, $"- CPU per request (medians): floor {Cpu(Floor):0} µs; relay floor {Cpu(Relay):0} µs; service {Cpu(Service):0} µs; the fake homeserver {Median(rounds.Select(r => r[Service].HomeserverCpuMicroseconds)):0} µs per service request");
        return text.ToString();
    }
}
