using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>
/// The SFU the service creates rooms on, looks participants up on, and gets webhooks from: the real
/// LiveKit container, or the test SFU (LiveKit's Twirp RoomService and signed webhooks, no media).
/// </summary>
public interface ISfuUnderTest : IAsyncDisposable
{
    /// <summary>The API key and secret (LIVEKIT_KEY, LIVEKIT_SECRET).</summary>
    LiveKitCredentials Credentials { get; }

    /// <summary>LIVEKIT_URL for the service, as the test host reaches the SFU.</summary>
    Uri WebSocketUrl { get; }

    /// <summary>
    /// A client joins with a participant token the service issued; the SFU tells the service (webhook,
    /// and to its lookups) as it does for any participant.
    /// </summary>
    /// <exception cref="Testing.SfuJoinRefusedException">The SFU refused the token (e.g. 404: the room does not exist).</exception>
    Task<ISfuParticipant> JoinAsync(string participantToken, CancellationToken cancellationToken);
}
