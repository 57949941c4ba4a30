using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>
/// The latency /get_token adds over the homeserver's own OpenID userinfo call, against a real Synapse
/// of a running lab (e.g. <c>--Lab:Runtime=local --Lab:Login=password</c>): at a fixed rate, the relay
/// floor (one userinfo GET per request, nothing else) and the service (its own process, a restricted
/// user, so no SFU is needed), in alternating rounds.
/// </summary>
public static class SynapseLatencyBenchmark
{
    public static async Task<int> RunAsync(string endpointsFile, BenchmarkOptions options)
    {
        var lab = LabEndpointsFile.Read(endpointsFile);
        var user = lab.Users[0];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync(new Uri(lab.HomeserverUrl, "_matrix/client/v3/login"), new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = user.Username },
            ["password"] = user.Password,
        });
        login.EnsureSuccessStatusCode();
        var session = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        var userId = (string)session["user_id"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(lab.HomeserverUrl, $"_matrix/client/v3/user/{Uri.EscapeDataString(userId)}/openid/request_token"))
        {
            Content = JsonContent.Create(new JsonObject()),
            Headers = { Authorization = new("Bearer", (string)session["access_token"]!) },
        };
        using var openIdResponse = await http.SendAsync(request);
        openIdResponse.EnsureSuccessStatusCode();
        var openId = (await openIdResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var accessToken = (string)openId["access_token"]!;

        var here = AppContext.BaseDirectory;
        var self = Path.Combine(here, "MatrixRtc.AuthService.Benchmarks.dll");
        var relayPort = ChildProcess.FreePort();
        var userInfo = new Uri(lab.HomeserverUrl, $"_matrix/federation/v1/openid/userinfo?access_token={Uri.EscapeDataString(accessToken)}");
        using var relay = await ChildProcess.StartAsync(self, ["relay-floor", relayPort.ToString(CultureInfo.InvariantCulture), userInfo.ToString()], new Dictionary<string, string>(), relayPort);
        var servicePort = ChildProcess.FreePort();
        using var service = await ChildProcess.StartAsync(Path.Combine(here, "matrixrtc-auth-service.dll"), [], new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = "ws://127.0.0.1:7880",
            ["LIVEKIT_KEY"] = "bench-key",
            ["LIVEKIT_SECRET"] = "bench-secret-" + Guid.NewGuid().ToString("N"),
            ["LIVEKIT_FULL_ACCESS_HOMESERVERS"] = "nobody.invalid", // restricted: no SFU call
            ["LIVEKIT_JWT_BIND"] = $"127.0.0.1:{servicePort}",
            ["LIVEKIT_FEDERATION_URL_OVERRIDES"] = $"{lab.ServerName}={lab.HomeserverUrl.GetLeftPart(UriPartial.Authority)}",
            ["LIVEKIT_BLOCK_PRIVATE_ADDRESSES"] = "false",
            ["LIVEKIT_LOG_LEVEL"] = "warn",
        }, servicePort);

        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["room_id"] = $"!bench:{lab.ServerName}",
            ["slot_id"] = "m.call#ROOM",
            ["openid_token"] = openId,
            ["member"] = new JsonObject { ["id"] = "member", ["claimed_user_id"] = userId, ["claimed_device_id"] = "DEVICE" },
        });
        using var relayLoad = new LoadDriver(new Uri($"http://127.0.0.1:{relayPort}/get_token"), body);
        using var serviceLoad = new LoadDriver(new Uri($"http://127.0.0.1:{servicePort}/get_token"), body);

        var duration = TimeSpan.FromSeconds(options.Seconds);
        await relayLoad.FixedRateAsync("warm-up", options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds));
        await serviceLoad.FixedRateAsync("warm-up", options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds));
        var rounds = new List<(LoadResult Relay, LoadResult Service)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            rounds.Add((await relayLoad.FixedRateAsync($"relay floor (one userinfo GET to Synapse), round {round}", options.Rate, duration),
                await serviceLoad.FixedRateAsync($"get_token (restricted user), round {round}", options.Rate, duration)));
        }

        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"{Environment.ProcessorCount} cores, real Synapse at {lab.HomeserverUrl}, {options.Rate} req/s, {options.WarmupSeconds} s warm-up, {options.Rounds} rounds of {options.Seconds} s");
        report.AppendLine();
        report.AppendLine("| run | requests | failures | p50 ms | p99 ms | max ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rounds.SelectMany(r => new[] { r.Relay, r.Service }))
        {
            report.AppendLine(c, $"| {r.Name} | {r.Requests} | {r.Failures} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} |");
        }

        var addedP99 = rounds.Select(r => r.Service.P99Ms - r.Relay.P99Ms).Order().ToArray()[rounds.Count / 2];
        var addedP50 = rounds.Select(r => r.Service.P50Ms - r.Relay.P50Ms).Order().ToArray()[rounds.Count / 2];
        report.AppendLine();
        report.AppendLine(c, $"- added over Synapse's userinfo call (median of rounds): p50 {addedP50:0.00} ms, p99 {addedP99:0.00} ms (target p99 ≤ 2 ms): {(addedP99 <= 2 ? "met" : "NOT met")}");
        Console.WriteLine(report);
        if (options.OutputFile is not null)
        {
            await File.WriteAllTextAsync(options.OutputFile, report.ToString());
        }

        return rounds.Sum(r => r.Relay.Failures + r.Service.Failures) == 0 ? 0 : 1;
    }
}
