using System.Diagnostics;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.IntegrationTests.Containers;
using MatrixRtc.AuthService.IntegrationTests.LiveKit;
using MatrixRtc.AuthService.IntegrationTests.Matrix;
using MatrixRtc.AuthService.IntegrationTests.Service;
using MatrixRtc.AuthService.IntegrationTests.Support;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.IntegrationTests;

/// <summary>
/// Delegated leave (MSC4140 + MSC4195) end to end: a real Synapse holds the delayed leave, the real
/// SFU reports the participant, and the service keeps the leave alive and has Synapse send it.
/// </summary>
[Collection(ContainerLabCollection.Name)]
public sealed class DelegatedLeaveTests(ContainerLab lab)
{
    /// <summary>Long enough that Synapse never fires the leave by itself during a test.</summary>
    public static readonly TimeSpan LeaveDelay = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Participant_leaving_the_real_sfu_makes_synapse_send_the_delegated_leave()
    {
        lab.SkipIfUnavailable();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var roomId = await matrix.CreateRoomAsync(alice, cancellationToken);
        await using var service = await lab.StartServiceAsync(fullAccess: SynapseContainer.ServerName, receiveWebhooks: true);
        var call = await CallMembership.JoinAsync(matrix, alice, roomId, service.Http.BaseAddress!, LeaveDelay);
        var scheduled = await call.PendingLeaveAsync(matrix) ?? throw new InvalidOperationException("Synapse lost the delayed leave");

        var openId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
        using var response = await service.PostJsonAsync("/get_token",
            TokenRequest.GetToken(openId, alice.UserId, alice.DeviceId, roomId, call.DelayId, LeaveDelay), cancellationToken);
        var (_, jwt) = await TokenResponse.ReadAsync(response);
        var room = LiveKitRoomNamer.RoomName(roomId, TokenRequest.Slot);
        var identity = LiveKitRoomNamer.ParticipantIdentity(alice.UserId, alice.DeviceId, TokenRequest.MemberId);
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, service.Jobs.StateOf(room, identity));

        await ConnectAndLeaveAsync(lab, service, matrix, call, jwt, room, identity, scheduled.RunningSince);
    }

    /// <summary>
    /// The participant joins the real SFU; the service finds it there (RoomService.GetParticipant) and
    /// restarts Synapse's countdown; the participant leaves; the SFU's webhook reaches the service,
    /// which has Synapse send the leave at once, long before the countdown would have run out.
    /// </summary>
    internal static async Task ConnectAndLeaveAsync(
        ContainerLab lab, ServiceUnderTest service, SynapseClient matrix, CallMembership call, string jwt, string room, string identity, long runningSince)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using (var participant = await SignalConnection.JoinAsync(lab.LiveKit.WebSocketUrl, jwt, cancellationToken))
        {
            Assert.Equal(identity, participant.Identity);
            await Eventually.TrueAsync(() => service.Jobs.StateOf(room, identity) == LeaveJobState.Connected,
                "the service finds the participant on the SFU", TimeSpan.FromSeconds(30), () => service.Logs.Tail());
            await Eventually.TrueAsync(async () => (await call.PendingLeaveAsync(matrix))?.RunningSince > runningSince,
                "the service restarts Synapse's countdown of the delayed leave", TimeSpan.FromSeconds(15), () => service.Logs.Tail());
            Assert.False(await call.HasLeftAsync(matrix));

            await participant.LeaveAsync(cancellationToken);
        }

        var left = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => service.Logs.Lines.Any(l => l.Contains("Webhook participant_", StringComparison.Ordinal) && l.Contains(identity, StringComparison.Ordinal)),
            "LiveKit's webhook about the departing participant reaches the service", TimeSpan.FromSeconds(20), () => service.Logs.Tail());
        await Eventually.TrueAsync(() => call.HasLeftAsync(matrix),
            "Synapse sends the delayed leave (the membership becomes empty)", TimeSpan.FromSeconds(20), () => service.Logs.Tail());
        Assert.True(left.Elapsed < LeaveDelay / 2, $"the leave was sent {left.Elapsed} after leaving: by the service, not by Synapse's own timeout");
        Assert.Null(await call.PendingLeaveAsync(matrix));
        await Eventually.TrueAsync(() => service.Jobs.StateOf(room, identity) is null, "the job ends", TimeSpan.FromSeconds(10), () => service.Logs.Tail());
    }
}
