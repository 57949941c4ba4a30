using System.Threading.Channels;
using MatrixRtc.AuthService.LiveKit;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// One delegated delayed leave: a state machine whose events are processed one at a
/// time from its own inbox, so a job never waits for another. Timers, restart and send attempts and
/// the SFU lookup run in the background and report back through the inbox. <see cref="Stop"/>
/// cancels everything at once; after it no further restart or send request is started.
/// </summary>
internal sealed class LeaveJob
{
    public static readonly TimeSpan MaxWaitingTime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinSendBudget = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxSendBudget = TimeSpan.FromHours(1);
    public const double RestartFraction = 0.8;

    private readonly LeaveJobDependencies dependencies;
    private readonly ILeaveJobOwner owner;
    private readonly Channel<JobMessage> inbox = Channel.CreateUnbounded<JobMessage>(new() { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource presenceTracking;
    private readonly List<Task> background = [];
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private ITimer? waitingTimer;
    private ITimer? restartTimer;
    private DateTimeOffset? deadline;
    private bool restartInFlight;
    private volatile int state = (int)LeaveJobState.WaitingForInitialConnect;

    public LeaveJob(LeaveJobParameters parameters, LeaveJobDependencies dependencies, ILeaveJobOwner owner)
    {
        Parameters = parameters;
        this.dependencies = dependencies;
        this.owner = owner;
        presenceTracking = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        JobId = Guid.CreateVersion7(dependencies.Time.GetUtcNow()).ToString("N");
    }

    public LeaveJobParameters Parameters { get; }

    public LeaveJobKey Key => LeaveJobKey.Of(Parameters);

    /// <summary>Time-ordered and random; for logs only.</summary>
    public string JobId { get; }

    public LeaveJobState State => (LeaveJobState)state;

    private TimeSpan DelayTimeout => Parameters.DelayTimeout;

    private ILogger Logger => dependencies.Logger;

    /// <summary>Enters WaitingForInitialConnect: arms the waiting timer and starts the SFU lookup.</summary>
    public void Start()
    {
        dependencies.Metrics.DelegatedJobEntered(nameof(LeaveJobState.WaitingForInitialConnect));
        var waitingTime = DelayTimeout < MaxWaitingTime ? DelayTimeout : MaxWaitingTime;
        waitingTimer = CreateEventTimer(LeaveJobEvent.WaitingStateTimedOut, waitingTime);
        RunInBackground(() => TrackPresenceAsync(presenceTracking.Token));
        loop = Task.Run(RunAsync);
        started.SetResult();
    }

    /// <summary>Queues an event; never blocks.</summary>
    public void Post(LeaveJobEvent leaveJobEvent) => inbox.Writer.TryWrite(new JobMessage.Fsm(leaveJobEvent, null));

    /// <summary>Queues an event and completes once the state machine has processed it (tests, replacement).</summary>
    public Task PostAndWaitAsync(LeaveJobEvent leaveJobEvent)
    {
        var processed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!inbox.Writer.TryWrite(new JobMessage.Fsm(leaveJobEvent, processed)))
        {
            processed.TrySetResult();
        }

        return processed.Task;
    }

    /// <summary>Tells the job it was replaced and cancels all its work.</summary>
    public void Replace()
    {
        inbox.Writer.TryWrite(new JobMessage.Fsm(LeaveJobEvent.JobReplaced, null));
        Stop();
    }

    /// <summary>Cancels timers, lookups and HTTP work; no restart or send is started afterwards.</summary>
    public void Stop()
    {
        stopping.Cancel();
        inbox.Writer.TryComplete();
    }

    /// <summary>Completes when the loop and every background task of a stopped job have ended.</summary>
    public async Task WhenStoppedAsync()
    {
        await started.Task;
        await loop!;
        Task[] pending;
        lock (background)
        {
            pending = [.. background];
        }

        await Task.WhenAll(pending);
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var message in inbox.Reader.ReadAllAsync())
            {
                try
                {
                    Handle(message);
                }
                catch (Exception e)
                {
                    // A bug in one message must not silently end the job: it would never send its leave.
                    Logger.LogError(e, "Job {JobId}: handling {Message} in {State} failed", JobId, message.GetType().Name, State);
                }
                finally
                {
                    (message as JobMessage.Fsm)?.Processed?.TrySetResult();
                }
            }
        }
        finally
        {
            waitingTimer?.Dispose();
            restartTimer?.Dispose();
            presenceTracking.Cancel();
        }
    }

    private void Handle(JobMessage message)
    {
        switch (message)
        {
            case JobMessage.RestartSucceeded succeeded:
                restartInFlight = false;
                OnRestartSucceeded(succeeded.At);
                break;
            case JobMessage.Fsm fsm:
                if (fsm.FromRestart)
                {
                    restartInFlight = false;
                }

                // Once stopped, only the replacement notice still changes the state.
                if (stopping.IsCancellationRequested && fsm.Event != LeaveJobEvent.JobReplaced)
                {
                    return;
                }

                Fire(fsm.Event);
                break;
        }
    }

    private void Fire(LeaveJobEvent leaveJobEvent)
    {
        var from = State;
        if (LeaveJobTransitions.Next(from, leaveJobEvent) is not { } to)
        {
            if (from == LeaveJobState.Connected && leaveJobEvent == LeaveJobEvent.DelayedEventReset)
            {
                StartRestart();
            }
            else
            {
                Logger.LogDebug("Job {JobId}: {Event} ignored in {State}", JobId, leaveJobEvent, from);
            }

            return;
        }

        Exit(from);
        state = (int)to;
        Logger.LogInformation(
            "Job {JobId}: {From} -> {To} on {Event} (room {Room}, identity {Identity}, delay ID {DelayId})",
            JobId, from, to, leaveJobEvent, Parameters.LiveKitRoom, Parameters.LiveKitIdentity, Parameters.DelayId);
        dependencies.Metrics.DelegatedJobEntered(to.ToString());
        Enter(to);
    }

    private void Exit(LeaveJobState from)
    {
        switch (from)
        {
            case LeaveJobState.WaitingForInitialConnect:
                waitingTimer?.Dispose();
                waitingTimer = null;
                break;
            case LeaveJobState.Connected:
                restartTimer?.Dispose();
                restartTimer = null;
                break;
        }
    }

    private void Enter(LeaveJobState to)
    {
        if (LeaveJobTransitions.IsTerminal(to))
        {
            presenceTracking.Cancel();
        }

        switch (to)
        {
            case LeaveJobState.Connected:
                deadline = dependencies.Time.GetUtcNow() + DelayTimeout;
                StartRestart();
                break;
            case LeaveJobState.Disconnected:
                var budget = SendBudget(deadline, dependencies.Time.GetUtcNow());
                RunInBackground(() => SendAsync(budget, stopping.Token));
                break;
            case LeaveJobState.Aborted:
                owner.JobFinished(this);
                break;
        }
    }

    /// <summary>clamp(deadline − now, 1 s, 1 h); exactly 1 s when the job never got connected.</summary>
    public static TimeSpan SendBudget(DateTimeOffset? deadline, DateTimeOffset now)
    {
        var left = deadline is { } d ? d - now : TimeSpan.Zero;
        return left < MinSendBudget ? MinSendBudget : left > MaxSendBudget ? MaxSendBudget : left;
    }

    private void StartRestart()
    {
        if (restartInFlight || stopping.IsCancellationRequested)
        {
            return;
        }

        restartInFlight = true;
        var restartDeadline = deadline!.Value;
        RunInBackground(() => RestartAsync(restartDeadline, stopping.Token));
    }

    private void OnRestartSucceeded(DateTimeOffset restartedAt)
    {
        if (State != LeaveJobState.Connected || stopping.IsCancellationRequested)
        {
            Logger.LogDebug("Job {JobId}: restart result discarded in {State}", JobId, State);
            return;
        }

        deadline = restartedAt + DelayTimeout;
        restartTimer?.Dispose();
        restartTimer = CreateEventTimer(LeaveJobEvent.DelayedEventReset, DelayTimeout * RestartFraction);
        owner.JobRestarted(this, restartedAt);
    }

    private async Task RestartAsync(DateTimeOffset restartDeadline, CancellationToken cancellationToken)
    {
        LeaveJobEvent? failure;
        try
        {
            failure = await TryRestartAsync(restartDeadline, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Job {JobId}: restarting {DelayId} failed", JobId, Parameters.DelayId);
            failure = LeaveJobEvent.DelayedEventTimedOut;
        }

        if (failure is { } failed && !cancellationToken.IsCancellationRequested)
        {
            inbox.Writer.TryWrite(new JobMessage.Fsm(failed, null, FromRestart: true));
        }
    }

    /// <returns>null after a success (reported through the inbox), else the failure event.</returns>
    private async Task<LeaveJobEvent?> TryRestartAsync(DateTimeOffset restartDeadline, CancellationToken cancellationToken)
    {
        if (dependencies.Time.GetUtcNow() >= restartDeadline)
        {
            Logger.LogWarning("Job {JobId}: deadline passed before restarting {DelayId}", JobId, Parameters.DelayId);
            return LeaveJobEvent.DelayedEventTimedOut;
        }

        var clientServerApi = await dependencies.ClientServerApis.ResolveAsync(Parameters.ServerName, cancellationToken);
        if (clientServerApi is null)
        {
            Logger.LogWarning("Job {JobId}: no Client-Server API for {ServerName}", JobId, Parameters.ServerName);
            return LeaveJobEvent.CsApiUrlNotFound;
        }

        var budget = restartDeadline - dependencies.Time.GetUtcNow();
        var result = await dependencies.DelayedEvents.RestartAsync(clientServerApi, Parameters.DelayId, budget, cancellationToken);
        switch (result.Outcome)
        {
            case DelayedEventOutcome.Succeeded:
                inbox.Writer.TryWrite(new JobMessage.RestartSucceeded(result.CompletedAt));
                return null;
            case DelayedEventOutcome.NotFound:
                Logger.LogWarning("Job {JobId}: homeserver does not know delayed event {DelayId}", JobId, Parameters.DelayId);
                return LeaveJobEvent.DelayedEventNotFound;
            default:
                Logger.LogWarning(
                    "Job {JobId}: restarting {DelayId} failed after {Attempts} attempts: {Error}",
                    JobId, Parameters.DelayId, result.Attempts, result.LastError);
                return LeaveJobEvent.DelayedEventTimedOut;
        }
    }

    private async Task SendAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        try
        {
            var clientServerApi = await dependencies.ClientServerApis.ResolveAsync(Parameters.ServerName, cancellationToken);
            if (clientServerApi is null)
            {
                Logger.LogWarning(
                    "Job {JobId}: no Client-Server API for {ServerName}; leave {DelayId} not sent", JobId, Parameters.ServerName, Parameters.DelayId);
            }
            else
            {
                var result = await dependencies.DelayedEvents.SendAsync(clientServerApi, Parameters.DelayId, budget, cancellationToken);
                if (result.Outcome == DelayedEventOutcome.Succeeded)
                {
                    Logger.LogInformation("Job {JobId}: leave {DelayId} sent", JobId, Parameters.DelayId);
                }
                else
                {
                    Logger.LogWarning(
                        "Job {JobId}: sending leave {DelayId} failed after {Attempts} attempts within {Budget}: {Error}",
                        JobId, Parameters.DelayId, result.Attempts, budget, result.LastError);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Job {JobId}: sending leave {DelayId} failed", JobId, Parameters.DelayId);
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            owner.JobFinished(this);
        }
    }

    /// <summary>Phase 1: poll until present (or min(1 h, T) passed); phase 2: the optional sanity check.</summary>
    private async Task TrackPresenceAsync(CancellationToken cancellationToken)
    {
        var time = dependencies.Time;
        var limit = DelayTimeout < MaxWaitingTime ? DelayTimeout : MaxWaitingTime;
        var backoff = new ExponentialBackoff(dependencies.Random);
        var phaseOneStarted = time.GetTimestamp();
        while (await LookUpAsync(cancellationToken) != ParticipantPresence.Present)
        {
            var wait = backoff.Next();
            if (time.GetElapsedTime(phaseOneStarted) + wait > limit)
            {
                Logger.LogInformation("Job {JobId}: participant not seen on the SFU within {Limit}; lookup stops", JobId, limit);
                return;
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        inbox.Writer.TryWrite(new JobMessage.Fsm(LeaveJobEvent.ParticipantLookupSuccessful, null));

        var interval = dependencies.Options.SanityCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            if (await LookUpAsync(cancellationToken) == ParticipantPresence.Absent)
            {
                Logger.LogInformation("Job {JobId}: sanity check found the participant gone from the SFU", JobId);
                inbox.Writer.TryWrite(new JobMessage.Fsm(LeaveJobEvent.SfuParticipantGone, null));
                return;
            }
        }
    }

    private async Task<ParticipantPresence> LookUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dependencies.LiveKit.GetParticipantAsync(Parameters.LiveKitRoom, Parameters.LiveKitIdentity, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogDebug(e, "Job {JobId}: participant lookup failed", JobId);
            return ParticipantPresence.Unknown;
        }
    }

    private ITimer CreateEventTimer(LeaveJobEvent leaveJobEvent, TimeSpan dueTime) =>
        dependencies.Time.CreateTimer(_ => Post(leaveJobEvent), null, dueTime, Timeout.InfiniteTimeSpan);

    private void RunInBackground(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Job {JobId}: background work failed", JobId);
            }
        });
        lock (background)
        {
            background.RemoveAll(t => t.IsCompleted);
            background.Add(task);
        }
    }

    private abstract record JobMessage
    {
        public sealed record Fsm(LeaveJobEvent Event, TaskCompletionSource? Processed, bool FromRestart = false) : JobMessage;

        public sealed record RestartSucceeded(DateTimeOffset At) : JobMessage;
    }
}
