using System.Threading.Channels;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>
/// Owns the jobs (the Go "handler" side): one per (room, identity), replacement, routing of
/// webhook events, persistence and restore. Store writes are coalesced per key, latest intent wins, and
/// written one at a time, so a finished job's delete can never overtake its successor's save and a slow
/// store queues at most one write per job. Store failures are logged and otherwise ignored; a
/// registration waits for its own write at most <see cref="StoreWaitLimit"/>.
/// </summary>
public sealed class LeaveJobRegistry : ILeaveJobRegistry, ILeaveJobOwner, IAsyncDisposable
{
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    /// <summary>How long a registration waits for its store write before answering anyway (one Redis command timeout).</summary>
    public static readonly TimeSpan StoreWaitLimit = TimeSpan.FromSeconds(5);

    private readonly ILeaveJobStore store;
    private readonly LeaveJobDependencies dependencies;
    private readonly ILogger logger;
    private readonly Lock sync = new();
    private readonly Dictionary<LeaveJobKey, LeaveJob> jobs = [];
    private readonly Dictionary<LeaveJobKey, StoreWrite> pendingWrites = [];
    private readonly Channel<LeaveJobKey> storeWrites = Channel.CreateUnbounded<LeaveJobKey>(new() { SingleReader = true });
    private readonly Task storeWriter;
    private bool shuttingDown;

    public LeaveJobRegistry(
        ILeaveJobStore store,
        IDelayedEventClient delayedEvents,
        IClientServerApiResolver clientServerApis,
        ILiveKitRoomService liveKit,
        DelayedLeaveOptions options,
        AuthServiceMetrics metrics,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        Random? random = null)
    {
        this.store = store;
        logger = loggerFactory.CreateLogger<LeaveJobRegistry>();
        dependencies = new LeaveJobDependencies(
            delayedEvents, clientServerApis, liveKit, options, metrics, timeProvider, random ?? Random.Shared,
            loggerFactory.CreateLogger(typeof(LeaveJob).FullName!));
        storeWriter = Task.Run(WriteStoreAsync);
    }

    public async Task RegisterAsync(LeaveJobParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Problem is { } problem)
        {
            throw new LeaveJobRejectedException(LeaveJobRejection.InvalidParameters, problem);
        }

        Task persisted;
        lock (sync)
        {
            if (shuttingDown)
            {
                throw new LeaveJobRejectedException(LeaveJobRejection.ShuttingDown, "Service is shutting down");
            }

            var job = new LeaveJob(parameters, dependencies, this);
            if (jobs.Remove(job.Key, out var replaced))
            {
                logger.LogInformation(
                    "Replacing job {OldJobId} by {NewJobId} (room {Room}, identity {Identity})",
                    replaced.JobId, job.JobId, parameters.LiveKitRoom, parameters.LiveKitIdentity);
                replaced.Replace();
            }

            jobs[job.Key] = job;
            persisted = EnqueueStoreWrite(new StoreWrite.Save(new StoredLeaveJob(parameters, dependencies.Time.GetUtcNow())));
            job.Start();
            logger.LogDebug("Job {JobId} registered for delayed event {DelayId}", job.JobId, parameters.DelayId);
        }

        try
        {
            await persisted.WaitAsync(StoreWaitLimit, dependencies.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The job store did not confirm delay ID {DelayId} within {Wait}; answering anyway, the write stays queued", parameters.DelayId, StoreWaitLimit);
        }
    }

    public void OnParticipantEvent(string liveKitRoom, string liveKitIdentity, ParticipantEvent participantEvent)
    {
        LeaveJob? job;
        lock (sync)
        {
            jobs.TryGetValue(new LeaveJobKey(liveKitRoom, liveKitIdentity), out job);
        }

        job?.Post(participantEvent switch
        {
            ParticipantEvent.Connected => LeaveJobEvent.ParticipantConnected,
            ParticipantEvent.DisconnectedIntentionally => LeaveJobEvent.ParticipantDisconnectedIntentionally,
            ParticipantEvent.ConnectionAborted => LeaveJobEvent.ParticipantConnectionAborted,
            _ => throw new ArgumentOutOfRangeException(nameof(participantEvent), participantEvent, null),
        });
    }

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredLeaveJob> stored;
        try
        {
            stored = await store.LoadAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Restoring delayed-leave jobs failed; starting without them");
            return;
        }

        var now = dependencies.Time.GetUtcNow();
        var deletions = new List<Task>();
        var resumed = 0;
        lock (sync)
        {
            foreach (var job in stored)
            {
                if (shuttingDown)
                {
                    break;
                }

                if (job.Parameters.Problem is { } problem)
                {
                    logger.LogWarning("Deleting stored job for delay ID {DelayId}: {Problem}", job.Parameters.DelayId, problem);
                    deletions.Add(EnqueueStoreWrite(new StoreWrite.Delete(job.Key)));
                }
                else if (job.IsExpiredAt(now))
                {
                    logger.LogInformation(
                        "Deleting expired stored job for delay ID {DelayId}: the homeserver fired it at {FiredAt}",
                        job.Parameters.DelayId, job.RestartedAt + job.Parameters.DelayTimeout);
                    deletions.Add(EnqueueStoreWrite(new StoreWrite.Delete(job.Key)));
                }
                else if (!jobs.ContainsKey(job.Key))
                {
                    var resumedJob = new LeaveJob(job.Parameters, dependencies, this);
                    jobs[job.Key] = resumedJob;
                    resumedJob.Start();
                    resumed++;
                }
            }
        }

        await Task.WhenAll(deletions).WaitAsync(cancellationToken);
        logger.LogInformation(
            "Restored {Resumed} delayed-leave jobs, deleted {Deleted} of {Stored} stored", resumed, deletions.Count, stored.Count);
    }

    /// <summary>The state of the current job for a key, or null (diagnostics and tests).</summary>
    public LeaveJobState? StateOf(string liveKitRoom, string liveKitIdentity)
    {
        lock (sync)
        {
            return jobs.TryGetValue(new LeaveJobKey(liveKitRoom, liveKitIdentity), out var job) ? job.State : null;
        }
    }

    /// <summary>How many jobs are running.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return jobs.Count;
            }
        }
    }

    /// <summary>Cancels every job without sending (entries stay in the store) and rejects new registrations.</summary>
    public async ValueTask DisposeAsync()
    {
        LeaveJob[] running;
        lock (sync)
        {
            if (shuttingDown)
            {
                return;
            }

            shuttingDown = true;
            running = [.. jobs.Values];
            jobs.Clear();
        }

        foreach (var job in running)
        {
            job.Stop();
        }

        storeWrites.Writer.TryComplete();
        try
        {
            await Task.WhenAll(running.Select(j => j.WhenStoppedAsync()).Append(storeWriter)).WaitAsync(ShutdownWait);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Delayed-leave jobs did not stop within {Wait}", ShutdownWait);
        }
    }

    void ILeaveJobOwner.JobRestarted(LeaveJob job, DateTimeOffset restartedAt)
    {
        lock (sync)
        {
            if (IsCurrent(job))
            {
                _ = EnqueueStoreWrite(new StoreWrite.Save(new StoredLeaveJob(job.Parameters, restartedAt)));
            }
        }
    }

    void ILeaveJobOwner.JobFinished(LeaveJob job)
    {
        lock (sync)
        {
            if (IsCurrent(job))
            {
                jobs.Remove(job.Key);
                _ = EnqueueStoreWrite(new StoreWrite.Delete(job.Key));
                logger.LogInformation("Job {JobId} done in {State}; removed", job.JobId, job.State);
            }
            else
            {
                logger.LogDebug("Ignoring completion of job {JobId}, which is no longer current", job.JobId);
            }
        }

        job.Stop();
    }

    private bool IsCurrent(LeaveJob job) => !shuttingDown && jobs.TryGetValue(job.Key, out var current) && ReferenceEquals(current, job);

    /// <summary>Queues a write; one still waiting for the same key is superseded and completes with this one.</summary>
    private Task EnqueueStoreWrite(StoreWrite write)
    {
        lock (pendingWrites)
        {
            if (pendingWrites.Remove(write.Key, out var superseded))
            {
                write.Supersedes(superseded);
                pendingWrites[write.Key] = write;
                return write.Done.Task;
            }

            pendingWrites[write.Key] = write;
        }

        if (!storeWrites.Writer.TryWrite(write.Key))
        {
            lock (pendingWrites)
            {
                pendingWrites.Remove(write.Key);
            }

            write.Complete();
        }

        return write.Done.Task;
    }

    private async Task WriteStoreAsync()
    {
        await foreach (var key in storeWrites.Reader.ReadAllAsync())
        {
            StoreWrite? write;
            lock (pendingWrites)
            {
                pendingWrites.Remove(key, out write);
            }

            if (write is null)
            {
                continue;
            }

            try
            {
                await (write switch
                {
                    StoreWrite.Save save => store.SaveAsync(save.Job, CancellationToken.None),
                    StoreWrite.Delete delete => store.DeleteAsync(delete.Key, CancellationToken.None),
                    _ => Task.CompletedTask,
                });
            }
            catch (Exception e)
            {
                logger.LogError(e, "Store: {Write} failed; continuing without it", write);
            }
            finally
            {
                write.Complete();
            }
        }
    }

    private abstract record StoreWrite
    {
        private readonly List<StoreWrite> superseded = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public abstract LeaveJobKey Key { get; }

        /// <summary><paramref name="earlier"/> is replaced by this write and finishes when it does.</summary>
        public void Supersedes(StoreWrite earlier)
        {
            superseded.Add(earlier);
            superseded.AddRange(earlier.superseded);
            earlier.superseded.Clear();
        }

        public void Complete()
        {
            Done.TrySetResult();
            foreach (var earlier in superseded)
            {
                earlier.Done.TrySetResult();
            }
        }

        public sealed record Save(StoredLeaveJob Job) : StoreWrite
        {
            public override LeaveJobKey Key => Job.Key;
        }

        public sealed record Delete(LeaveJobKey JobKey) : StoreWrite
        {
            public override LeaveJobKey Key => JobKey;
        }
    }
}
