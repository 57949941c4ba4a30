using MatrixRtc.AuthService.Tests.Fakes;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>One job wired to fakes in fake time, and the ways to drive it into each state.</summary>
internal sealed class JobHarness : IAsyncDisposable
{
    public const string Room = "room-alias";
    public const string Identity = "identity";

    public JobHarness(TimeSpan delayTimeout, TimeSpan? sanityCheckInterval = null, ParticipantPresence presence = ParticipantPresence.Absent)
    {
        LiveKit.DefaultPresence = presence;
        Client = new ScriptedDelayedEventClient(Time);
        var dependencies = new LeaveJobDependencies(
            Client, Resolver, LiveKit, new DelayedLeaveOptions { SanityCheckInterval = sanityCheckInterval ?? TimeSpan.Zero },
            TestServices.Metrics(), Time, new Random(7), NullLogger.Instance);
        Job = new LeaveJob(new LeaveJobParameters("delay-id", delayTimeout, "example.com", Room, Identity), dependencies, Owner);
    }

    public TimerRecordingTimeProvider Time { get; } = new();

    public ScriptedDelayedEventClient Client { get; }

    public FakeClientServerApiResolver Resolver { get; } = new(new Uri("https://matrix.example.com"));

    public FakeLiveKitRoomService LiveKit { get; } = new();

    public RecordingJobOwner Owner { get; } = new();

    public LeaveJob Job { get; }

    /// <summary>Starts the job and waits for its first SFU lookup, so the start-up work is done.</summary>
    public async Task StartAsync()
    {
        Job.Start();
        await Eventually.TrueAsync(() => LiveKit.Lookups >= 1, "the first participant lookup");
    }

    public async Task DriveToAsync(LeaveJobState state)
    {
        await StartAsync();
        switch (state)
        {
            case LeaveJobState.Connected:
                await ConnectAsync();
                break;
            case LeaveJobState.Disconnected:
                await ConnectAsync();
                await Job.PostAndWaitAsync(LeaveJobEvent.ParticipantDisconnectedIntentionally);
                await Eventually.TrueAsync(() => Owner.Finished == 1, "the send to finish");
                break;
            case LeaveJobState.Aborted:
                await Job.PostAndWaitAsync(LeaveJobEvent.ParticipantConnectionAborted);
                break;
            case LeaveJobState.Replaced:
                await Job.PostAndWaitAsync(LeaveJobEvent.JobReplaced);
                break;
        }

        Assert.Equal(state, Job.State);
    }

    /// <summary>Connects and waits until the first restart succeeded and the restart timer is armed.</summary>
    public async Task ConnectAsync()
    {
        var restarts = Owner.Restarts.Count;
        await Job.PostAndWaitAsync(LeaveJobEvent.ParticipantConnected);
        await Eventually.TrueAsync(() => Owner.Restarts.Count == restarts + 1, "the restart on entering Connected");
    }

    public async ValueTask DisposeAsync()
    {
        Job.Stop();
        await Job.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
