using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>No 5xx for malformed input: 10,000 generated hostile bodies get only documented 4xx answers.</summary>
public sealed class HostileBodyTests : ServiceFixture
{
    private static readonly HashSet<(int, string)> Documented =
    [
        (400, "M_NOT_JSON"), (400, "M_BAD_JSON"), (401, "M_UNAUTHORIZED"), (403, "M_FORBIDDEN"), (413, "M_TOO_LARGE"),
    ];

    [Fact]
    public async Task Ten_thousand_hostile_bodies_get_only_documented_4xx_answers()
    {
        const int total = 10_000;
        var generator = new HostileBodyGenerator(seed: 4140, Homeserver.ServerName);
        var bodies = Enumerable.Range(0, total).Select(_ => generator.Next()).ToArray();
        var paths = new[] { "/get_token", "/sfu/get", "/delegate_delayed_leave" };
        var outcomes = new ConcurrentDictionary<(int, string), int>();
        var undocumented = new ConcurrentBag<string>();

        await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, ct) =>
        {
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await Service.Http.PostAsync(paths[i % paths.Length], content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var errcode = "";
            try
            {
                using var json = JsonDocument.Parse(text);
                errcode = json.RootElement.GetProperty("errcode").GetString() ?? "";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                errcode = "<not a Matrix error>";
            }

            var outcome = ((int)response.StatusCode, errcode);
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (!Documented.Contains(outcome) || text.Contains("   at ", StringComparison.Ordinal))
            {
                undocumented.Add($"#{i} {paths[i % paths.Length]} → {outcome}: {text[..Math.Min(200, text.Length)]}");
            }
        });

        Assert.True(undocumented.IsEmpty, string.Join('\n', undocumented.Take(10)));
        Assert.Equal(total, outcomes.Values.Sum());
        Assert.True(outcomes.Keys.Count >= 3, "the generator should reach several distinct outcomes: " + string.Join(", ", outcomes));
        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
    }

    [Fact]
    public async Task Hostile_webhook_bodies_are_always_an_empty_200()
    {
        var generator = new HostileBodyGenerator(seed: 181, Homeserver.ServerName);
        for (var i = 0; i < 500; i++)
        {
            using var content = new ByteArrayContent(generator.Next());
            using var response = await Service.Http.PostAsync("/sfu_webhook", content, TestContext.Current.CancellationToken);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }
    }
}
