using MatrixRtc.AuthService.Tests.Fakes;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>A registry in real time, talking MSC4140 over HTTP to a loopback homeserver.</summary>
internal sealed class RegistryHarness : IAsyncDisposable
{
    private readonly TestHttpClientFactory httpClients = new();

    private RegistryHarness(FakeHomeserver homeserver, ILeaveJobStore store, TimeSpan sanityCheckInterval)
    {
        Homeserver = homeserver;
        Store = store;
        Registry = NewRegistry(sanityCheckInterval);
    }

    public FakeHomeserver Homeserver { get; }

    public ILeaveJobStore Store { get; }

    public FakeLiveKitRoomService LiveKit { get; } = new();

    public LeaveJobRegistry Registry { get; private set; }

    public static async Task<RegistryHarness> StartAsync(ILeaveJobStore? store = null, TimeSpan sanityCheckInterval = default) =>
        new(await FakeHomeserver.StartAsync(), store ?? new InMemoryLeaveJobStore(), sanityCheckInterval);

    public static LeaveJobParameters Job(string delayId, string identity = "identity", int timeoutMs = 1500, string room = "room") =>
        new(delayId, TimeSpan.FromMilliseconds(timeoutMs), "example.com", room, identity);

    /// <summary>Simulates a restart of the service: the old registry is shut down, a new one restores.</summary>
    public async Task RestartServiceAsync()
    {
        await Registry.DisposeAsync();
        Registry = NewRegistry(TimeSpan.Zero);
        await Registry.RestoreAsync(TestContext.Current.CancellationToken);
    }

    public LeaveJobRegistry NewRegistry(TimeSpan sanityCheckInterval) =>
        new(
            Store,
            new DelayedEventClient(httpClients, TimeProvider.System, new Random(1), NullLogger<DelayedEventClient>.Instance),
            new FakeClientServerApiResolver(Homeserver.BaseUrl),
            LiveKit,
            new DelayedLeaveOptions { SanityCheckInterval = sanityCheckInterval },
            TestServices.Metrics(),
            TimeProvider.System,
            NullLoggerFactory.Instance,
            new Random(2));

    public void Webhook(LeaveJobParameters job, ParticipantEvent participantEvent) =>
        Registry.OnParticipantEvent(job.LiveKitRoom, job.LiveKitIdentity, participantEvent);

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Homeserver.DisposeAsync();
        httpClients.Dispose();
    }
}
