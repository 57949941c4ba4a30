using MatrixRtc.AuthService.Tests.Fakes;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MatrixRtc.AuthService.DelayedLeave;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>The MSC4140 client against a homeserver over real HTTP on loopback.</summary>
public sealed class DelayedEventClientTests : IAsyncLifetime
{
    private const int Seed = 4140;
    private static readonly TimeSpan OneAttemptOnly = TimeSpan.FromMilliseconds(100);

    private readonly TestHttpClientFactory httpClients = new();
    private FakeHomeserver homeserver = null!;

    public async ValueTask InitializeAsync() => homeserver = await FakeHomeserver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await homeserver.DisposeAsync();
        httpClients.Dispose();
    }

    private DelayedEventClient Client(TimeProvider? time = null) =>
        new(httpClients, time ?? TimeProvider.System, new Random(Seed), NullLogger<DelayedEventClient>.Instance);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_posts_an_empty_object_as_json_without_authorization_to_the_unstable_path()
    {
        var result = await Client().RestartAsync(homeserver.BaseUrl, "syd_abc", TimeSpan.FromSeconds(5), Cancel);

        Assert.Equal(DelayedEventOutcome.Succeeded, result.Outcome);
        var request = Assert.Single(homeserver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_matrix/client/unstable/org.matrix.msc4140/delayed_events/syd_abc/restart", request.RawTarget);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("{}", request.Body);
        Assert.False(request.HasAuthorization);
        Assert.Equal(DelayedEventClient.HttpClientName, httpClients.LastName);
    }

    [Fact]
    public async Task Send_uses_the_send_action_and_keeps_a_base_path()
    {
        var basePath = new Uri(homeserver.BaseUrl, "/matrix/");

        await Client().SendAsync(basePath, "id", TimeSpan.FromSeconds(5), Cancel);

        Assert.Equal("/matrix/_matrix/client/unstable/org.matrix.msc4140/delayed_events/id/send", Assert.Single(homeserver.Requests).RawTarget);
    }

    [Theory]
    [InlineData("../../../admin")]
    [InlineData("..")]
    [InlineData("a/b?c#d e%")]
    public async Task A_delay_id_is_one_escaped_path_segment_and_never_climbs_the_path(string delayId)
    {
        await Client().RestartAsync(homeserver.BaseUrl, delayId, TimeSpan.FromSeconds(5), Cancel);

        var request = Assert.Single(homeserver.Requests);
        Assert.DoesNotContain("/../", request.RawTarget, StringComparison.Ordinal);
        Assert.DoesNotContain("?", request.RawTarget, StringComparison.Ordinal);
        Assert.StartsWith("/_matrix/client/unstable/org.matrix.msc4140/delayed_events/", request.RawTarget, StringComparison.Ordinal);
        Assert.EndsWith("/restart", request.RawTarget, StringComparison.Ordinal);
        Assert.Equal(delayId, request.DelayId);
    }

    [Theory]
    [InlineData(DelayedEventAction.Restart, 200, DelayedEventOutcome.Succeeded)]
    [InlineData(DelayedEventAction.Restart, 204, DelayedEventOutcome.Succeeded)]
    [InlineData(DelayedEventAction.Send, 200, DelayedEventOutcome.Succeeded)]
    [InlineData(DelayedEventAction.Send, 204, DelayedEventOutcome.Succeeded)]
    [InlineData(DelayedEventAction.Restart, 404, DelayedEventOutcome.NotFound)]
    [InlineData(DelayedEventAction.Send, 404, DelayedEventOutcome.Succeeded)]
    public async Task Final_answers_end_after_one_attempt(DelayedEventAction action, int status, DelayedEventOutcome expected)
    {
        homeserver.Respond = _ => new HomeserverResponse(status, status == 204 ? null : "{}");

        var result = await Run(Client(), action, TimeSpan.FromSeconds(30));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.Single(homeserver.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(507)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(300)]
    [InlineData(304)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(408)]
    [InlineData(418)]
    [InlineData(421)]
    [InlineData(423)]
    [InlineData(425)]
    [InlineData(429)]
    public async Task Every_other_status_is_transient_for_both_actions(int status)
    {
        homeserver.Respond = _ => new HomeserverResponse(status, status == 304 ? null : "{\"errcode\":\"M_UNKNOWN\"}");

        foreach (var action in new[] { DelayedEventAction.Restart, DelayedEventAction.Send })
        {
            // A budget too small for any wait: transient means "would retry", so the loop gives up.
            var result = await Run(Client(), action, OneAttemptOnly);

            Assert.Equal(DelayedEventOutcome.GaveUp, result.Outcome);
            Assert.Equal(1, result.Attempts);
            Assert.Contains(status.ToString(CultureInfo.InvariantCulture), result.LastError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_network_error_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Client().SendAsync(new Uri($"http://127.0.0.1:{closedPort}"), "id", OneAttemptOnly, Cancel);

        Assert.Equal(DelayedEventOutcome.GaveUp, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.NotNull(result.LastError);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_until_success_in_real_time()
    {
        var calls = 0;
        homeserver.Respond = _ => Interlocked.Increment(ref calls) == 1 ? new HomeserverResponse(503, "{}") : null;

        var result = await Client().SendAsync(homeserver.BaseUrl, "id", TimeSpan.FromSeconds(5), Cancel);

        Assert.Equal(DelayedEventOutcome.Succeeded, result.Outcome);
        Assert.Equal(2, result.Attempts);
    }

    public static TheoryData<string, string?, string?, double> RetryAfterForms => new()
    {
        // Retry-After header, JSON body, expected wait in seconds
        { "integer seconds", "7", null, 7 },
        { "negative seconds", "-5", null, 0 },
        { "header wins over body", "10", "{\"retry_after_ms\":30000}", 10 },
        { "HTTP date", "+12", null, 12 },
        { "HTTP date in the past", "-30", null, 0 },
        { "body 500 ms rounds up", null, "{\"retry_after_ms\":500}", 1 },
        { "body 2000 ms", null, "{\"retry_after_ms\":2000}", 2 },
        { "unusable header, body used", "soon", "{\"retry_after_ms\":3000}", 3 },
    };

    [Theory]
    [MemberData(nameof(RetryAfterForms))]
    public async Task A_429_waits_as_told(string form, string? header, string? body, double expectedSeconds)
    {
        Assert.NotNull(form);
        var time = new TimerRecordingTimeProvider();
        if (header is ['+' or '-', ..] && form.Contains("date", StringComparison.Ordinal))
        {
            header = (time.GetUtcNow() + TimeSpan.FromSeconds(double.Parse(header, CultureInfo.InvariantCulture))).ToString("r", CultureInfo.InvariantCulture);
        }

        var headers = header is null ? null : new Dictionary<string, string> { ["Retry-After"] = header };
        homeserver.Respond = r => homeserver.Requests.Count == 1 ? new HomeserverResponse(429, body, headers) : null;

        var running = Client(time).RestartAsync(homeserver.BaseUrl, "id", TimeSpan.FromMinutes(5), Cancel);

        if (expectedSeconds > 0)
        {
            var wait = await NextWaitAsync(time, running, requests: 1);
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
            time.Advance(wait);
        }

        // A zero wait retries at once, without arming a timer or letting fake time pass.
        var result = await running.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.Equal(DelayedEventOutcome.Succeeded, result.Outcome);
        Assert.Equal(2, result.Attempts);
    }

    [Theory]
    [InlineData("{\"retry_after_ms\":0}")]
    [InlineData("{\"retry_after_ms\":-1000}")]
    [InlineData("{\"errcode\":\"M_LIMIT_EXCEEDED\"}")]
    [InlineData("not json")]
    public async Task A_429_without_a_usable_hint_uses_the_default_backoff(string body)
    {
        var time = new TimerRecordingTimeProvider();
        homeserver.Respond = r => homeserver.Requests.Count == 1 ? new HomeserverResponse(429, body) : null;

        var running = Client(time).SendAsync(homeserver.BaseUrl, "id", TimeSpan.FromMinutes(5), Cancel);

        var wait = await NextWaitAsync(time, running, requests: 1);
        Assert.Equal(new ExponentialBackoff(new Random(Seed)).Next(), wait);
        time.Advance(wait);
        Assert.Equal(DelayedEventOutcome.Succeeded, (await running.WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Outcome);
    }

    [Fact]
    public async Task Waits_grow_from_one_second_by_half_with_jitter_and_a_retry_after_resets_them()
    {
        var time = new TimerRecordingTimeProvider();
        homeserver.Respond = r => homeserver.Requests.Count switch
        {
            1 or 2 => new HomeserverResponse(503),
            3 => new HomeserverResponse(429, null, new Dictionary<string, string> { ["Retry-After"] = "3" }),
            4 => new HomeserverResponse(503),
            _ => null,
        };
        var draws = new Random(Seed);
        var first = Milliseconds(1000 * (0.5 + draws.NextDouble()));       // 1 s ± 50 %
        var second = Milliseconds(1500 * (0.5 + draws.NextDouble()));      // 1.5 s ± 50 %
        var afterReset = Milliseconds(1000 * (0.5 + draws.NextDouble()));  // back to 1 s ± 50 %

        var running = Client(time).RestartAsync(homeserver.BaseUrl, "id", TimeSpan.FromMinutes(5), Cancel);

        foreach (var (expected, requests) in new[] { (first, 1), (second, 2), (TimeSpan.FromSeconds(3), 3), (afterReset, 4) })
        {
            var wait = await NextWaitAsync(time, running, requests);
            Assert.Equal(expected, wait);
            time.Advance(wait);
        }

        Assert.Equal(5, (await running.WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Attempts);
    }

    [Fact]
    public async Task Retrying_stops_when_elapsed_time_plus_the_next_wait_would_exceed_the_budget()
    {
        var time = new TimerRecordingTimeProvider();
        homeserver.Respond = _ => new HomeserverResponse(503);
        var budget = TimeSpan.FromSeconds(10);
        var backoff = new ExponentialBackoff(new Random(Seed));
        var expectedAttempts = 1;
        for (var elapsed = backoff.Next(); elapsed <= budget; elapsed += backoff.Next())
        {
            expectedAttempts++;
        }

        var running = Client(time).SendAsync(homeserver.BaseUrl, "id", budget, Cancel);
        for (var requests = 1; requests < expectedAttempts; requests++)
        {
            time.Advance(await NextWaitAsync(time, running, requests));
        }

        var result = await running.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.Equal(DelayedEventOutcome.GaveUp, result.Outcome);
        Assert.Equal(expectedAttempts, result.Attempts);
        Assert.Equal(expectedAttempts, homeserver.Requests.Count);
        Assert.Equal(expectedAttempts - 1, Waits(time).Count); // no wait armed after the last attempt
    }

    [Fact]
    public async Task Cancelling_stops_the_retry_loop()
    {
        var time = new TimerRecordingTimeProvider();
        homeserver.Respond = _ => new HomeserverResponse(503);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var running = Client(time).SendAsync(homeserver.BaseUrl, "id", TimeSpan.FromMinutes(5), cancellation.Token);
        await NextWaitAsync(time, running, requests: 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(homeserver.Requests);
    }

    private static TimeSpan Milliseconds(double value) => TimeSpan.FromMilliseconds((long)Math.Round(value));

    private Task<DelayedEventResult> Run(DelayedEventClient client, DelayedEventAction action, TimeSpan budget) =>
        action == DelayedEventAction.Restart
            ? client.RestartAsync(homeserver.BaseUrl, "id", budget, Cancel)
            : client.SendAsync(homeserver.BaseUrl, "id", budget, Cancel);

    /// <summary>Waits until the homeserver saw <paramref name="requests"/> requests and the client armed its wait after the last.</summary>
    private async Task<TimeSpan> NextWaitAsync(TimerRecordingTimeProvider time, Task running, int requests)
    {
        await Eventually.TrueAsync(
            () => running.IsCompleted || (homeserver.Requests.Count == requests && Waits(time).Count == requests),
            $"request {requests} and the wait after it");
        Assert.False(running.IsCompleted, "the client stopped instead of waiting");
        return Waits(time)[requests - 1];
    }

    // Each request also arms its 5 s attempt timeout; the waits in these tests are never exactly 5 s.
    private static List<TimeSpan> Waits(TimerRecordingTimeProvider time) =>
        [.. time.ArmedTimers.Where(t => t != DelayedEventClient.AttemptTimeout)];
}
