using System.Collections.Concurrent;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>Stands in for the registry: records what a job reports.</summary>
internal sealed class RecordingJobOwner : ILeaveJobOwner
{
    public ConcurrentQueue<DateTimeOffset> Restarts { get; } = new();

    private int finished;

    public int Finished => Volatile.Read(ref finished);

    public void JobRestarted(LeaveJob job, DateTimeOffset restartedAt) => Restarts.Enqueue(restartedAt);

    public void JobFinished(LeaveJob job) => Interlocked.Increment(ref finished);
}
