namespace MatrixRtcLab.AppHost.Seeding;

/// <summary>Completes once the lab's test users exist on a password-login Synapse.</summary>
public sealed class SynapseUserSeeding
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception error) => _done.TrySetException(error);
}
