namespace MatrixRtc.AuthService.DelayedLeave;

/// <summary>The two MSC4140 calls a job makes on the user's homeserver, each retried within a time budget.</summary>
public interface IDelayedEventClient
{
    /// <summary>Resets the homeserver countdown of the delayed event.</summary>
    Task<DelayedEventResult> RestartAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken);

    /// <summary>Makes the homeserver send the delayed event now; 404 (already sent or cancelled) counts as success.</summary>
    Task<DelayedEventResult> SendAsync(Uri clientServerApi, string delayId, TimeSpan budget, CancellationToken cancellationToken);
}
