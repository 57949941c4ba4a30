namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>A client in a room of the SFU under test.</summary>
public interface ISfuParticipant : IAsyncDisposable
{
    /// <summary>The identity the SFU knows the participant by.</summary>
    string Identity { get; }

    /// <summary>Hangs up as a client does (CLIENT_INITIATED); the SFU's webhook then reports the departure.</summary>
    Task LeaveAsync(CancellationToken cancellationToken);
}
