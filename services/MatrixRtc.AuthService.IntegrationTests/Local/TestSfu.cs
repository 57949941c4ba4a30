using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Testing;
using MatrixRtcLab.Topology.Secrets;

namespace MatrixRtc.AuthService.IntegrationTests.Local;

/// <summary>
/// The SFU where LiveKit cannot run: the shared <see cref="FakeSfu"/>, which speaks LiveKit's Twirp
/// RoomService (HS256 server tokens, protobuf) and posts LiveKit-signed webhooks to the service. A
/// participant "joins" with the token the service issued (checked as LiveKit checks it), without signalling or media.
/// </summary>
public sealed class TestSfu : ISfuUnderTest
{
    private readonly FakeSfu sfu;

    private TestSfu(FakeSfu sfu, LiveKitCredentials credentials)
    {
        this.sfu = sfu;
        Credentials = credentials;
    }

    public LiveKitCredentials Credentials { get; }

    public Uri WebSocketUrl => new(sfu.WsUrl + "/");

    /// <param name="webhookUrl">Where the service under test receives webhooks.</param>
    public static async Task<TestSfu> StartAsync(Uri webhookUrl, TimeProvider time)
    {
        var credentials = new LiveKitCredentials("API" + SecretGenerator.AlphanumericString(12), SecretGenerator.AlphanumericString(48));
        return new TestSfu(await FakeSfu.StartAsync(credentials.Key, credentials.Secret, webhookUrl, time), credentials);
    }

    public async Task<ISfuParticipant> JoinAsync(string participantToken, CancellationToken cancellationToken) =>
        new TestSfuParticipant(sfu, await sfu.JoinAsync(participantToken, cancellationToken));

    public ValueTask DisposeAsync() => sfu.DisposeAsync();
}
