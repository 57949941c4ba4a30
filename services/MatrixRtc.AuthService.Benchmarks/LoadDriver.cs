using System.Diagnostics;
using System.Net.Http.Headers;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>
/// Sends POST requests over keep-alive loopback connections: closed-loop (as fast as N workers
/// can) for throughput, or open-loop at a fixed rate for latency, where each latency is measured
/// from the request's scheduled start so a slow server cannot hide queueing (no coordinated omission).
/// </summary>
public sealed class LoadDriver(Uri url, byte[] body) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<LoadResult> ClosedLoopAsync(string name, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await SendAsync())
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return Summarise(name, latencies.SelectMany(l => l).ToList(), failures, clock.Elapsed.TotalSeconds);
    }

    public async Task<LoadResult> FixedRateAsync(string name, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var failures = 0;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = interval * i;
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                if (!await SendAsync())
                {
                    Interlocked.Increment(ref failures);
                }

                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(inFlight);
        return Summarise(name, [.. latencies], failures, clock.Elapsed.TotalSeconds);
    }

    private async Task<bool> SendAsync()
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static LoadResult Summarise(string name, List<double> latencies, int failures, double seconds)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        return new LoadResult(name, latencies.Count, failures, seconds, Percentile(0.50), Percentile(0.99), latencies.Count == 0 ? double.NaN : latencies[^1]);
    }

    public void Dispose() => http.Dispose();
}
