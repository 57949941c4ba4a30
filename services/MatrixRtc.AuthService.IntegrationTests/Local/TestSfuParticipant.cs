using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests.Local;

/// <summary>A participant in a room of the <see cref="TestSfu"/>; it stays until it leaves.</summary>
public sealed class TestSfuParticipant(FakeSfu sfu, FakeSfuParticipant participant) : ISfuParticipant
{
    public string Identity => participant.Identity;

    public Task LeaveAsync(CancellationToken cancellationToken) => sfu.LeaveAsync(participant, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
