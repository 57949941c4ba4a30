using System.Collections.Concurrent;
using MatrixRtc.AuthService.DelayedLeave;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>
/// The MSC4140 client as the state-machine tests need it: answers at once, as scripted, in fake time.
/// (The real client is tested over HTTP in <see cref="DelayedEventClientTests"/>.)
/// </summary>
internal sealed class ScriptedDelayedEventClient(TimeProvider time) : IDelayedEventClient
{
    public ConcurrentQueue<(DelayedEventAction Action, string DelayId, TimeSpan Budget)> Calls { get; } = new();

    public Func<DelayedEventAction, DelayedEventResult>? Answer { get; set; }

    public int Restarts => Calls.Count(c => c.Action == DelayedEventAction.Restart);

    public int Sends => Calls.Count(c => c.Action == DelayedEventAction.Send);

    public Task<DelayedEventResult> RestartAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken) =>
        Call(DelayedEventAction.Restart, delayId, budget);

    public Task<DelayedEventResult> SendAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken) =>
        Call(DelayedEventAction.Send, delayId, budget);

    private Task<DelayedEventResult> Call(DelayedEventAction action, string delayId, TimeSpan budget)
    {
        Calls.Enqueue((action, delayId, budget));
        return Task.FromResult(Answer?.Invoke(action) ?? new DelayedEventResult(DelayedEventOutcome.Succeeded, time.GetUtcNow(), 1, null));
    }
}
