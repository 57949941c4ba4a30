using System.Diagnostics;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.Matrix;
using MatrixRtc.AuthService.IntegrationTests.Service;
using MatrixRtc.AuthService.IntegrationTests.Support;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.IntegrationTests;

/// <summary>
/// Delegated leave (MSC4140 + MSC4195) end to end: a real Synapse holds the delayed leave, the SFU
/// under test (real LiveKit, or the test SFU) reports the participant, and the service keeps the
/// leave from firing while the participant stays and has Synapse send it when the participant goes.
/// </summary>
[Collection(IntegrationLabCollection.Name)]
public sealed class DelegatedLeaveTests(IntegrationLab lab)
{
    /// <summary>Long enough that Synapse never fires the leave by itself during a test.</summary>
    public static readonly TimeSpan LeaveDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Short enough that Synapse would send the leave several times over while a participant stays,
    /// were its countdown not restarted (the service restarts it after 80 % of the delay).
    /// </summary>
    public static readonly TimeSpan ShortLeaveDelay = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Participant_leaving_the_sfu_makes_synapse_send_the_delegated_leave()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        await using var service = await lab.StartServiceAsync(fullAccess: ServerNames.Synapse, receiveWebhooks: true);
        var call = await JoinNewCallAsync(matrix, service, LeaveDelay);
        var scheduled = await call.PendingLeaveAsync(matrix) ?? throw new InvalidOperationException("Synapse lost the delayed leave");

        var (jwt, room, identity) = await GetDelegatingTokenAsync(service, matrix, call, LeaveDelay);
        Assert.Equal(LeaveJobState.WaitingForInitialConnect, service.Jobs.StateOf(room, identity));

        await ConnectAndLeaveAsync(lab, service, matrix, call, jwt, room, identity, scheduled.RunningSince);
    }

    /// <summary>
    /// While the participant stays on the SFU, the service keeps restarting Synapse's countdown, so the
    /// leave stays pending in Synapse well past its delay; it is sent only once the participant goes.
    /// </summary>
    [Fact]
    public async Task Participant_staying_on_the_sfu_keeps_synapse_from_sending_the_leave()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        await using var service = await lab.StartServiceAsync(fullAccess: ServerNames.Synapse, receiveWebhooks: true);
        var call = await JoinNewCallAsync(matrix, service, ShortLeaveDelay);
        var (jwt, room, identity) = await GetDelegatingTokenAsync(service, matrix, call, ShortLeaveDelay);

        // Join at once: a job whose participant never shows up sends the leave after the delay.
        await using var participant = await lab.Sfu.JoinAsync(jwt, cancellationToken);
        await Eventually.TrueAsync(() => service.Jobs.StateOf(room, identity) == LeaveJobState.Connected,
            "the service sees the participant on the SFU", TimeSpan.FromSeconds(30), () => service.Logs.Tail());

        // Watch Synapse's own state for 2.5 delays: without the service's restarts it would have sent the leave twice over.
        var observed = new List<DelayedEvent>();
        var watching = Stopwatch.StartNew();
        while (watching.Elapsed < ShortLeaveDelay * 2.5)
        {
            Assert.False(await call.HasLeftAsync(matrix), $"Synapse sent the leave {watching.Elapsed} after the participant joined, while it stays\n{service.Logs.Tail()}");
            observed.Add(await call.PendingLeaveAsync(matrix)
                ?? throw new InvalidOperationException($"the delayed leave is no longer pending in Synapse after {watching.Elapsed}\n{service.Logs.Tail()}"));
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        var restarts = observed.Select(e => e.RunningSince).Distinct().Order().ToList();
        Assert.True(restarts.Count >= 3, $"Synapse's countdown restarted {restarts.Count} times in {watching.Elapsed}: {string.Join(", ", restarts)}");
        Assert.All(restarts.Zip(restarts.Skip(1)), pair =>
            Assert.True(pair.Second - pair.First < (long)ShortLeaveDelay.TotalMilliseconds, $"restarted only {pair.Second - pair.First} ms after the previous restart"));
        Assert.Equal(LeaveJobState.Connected, service.Jobs.StateOf(room, identity));

        // Leaving ends it: Synapse sends the leave.
        await participant.LeaveAsync(cancellationToken);
        await Eventually.TrueAsync(() => call.HasLeftAsync(matrix),
            "Synapse sends the delayed leave once the participant left", TimeSpan.FromSeconds(20), () => service.Logs.Tail());
        Assert.Null(await call.PendingLeaveAsync(matrix));
    }

    /// <summary>A fresh user in a fresh room, in a call whose leave (after <paramref name="leaveDelay"/>) Synapse holds as a delayed event.</summary>
    private static async Task<CallMembership> JoinNewCallAsync(SynapseClient matrix, ServiceUnderTest service, TimeSpan leaveDelay)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var roomId = await matrix.CreateRoomAsync(alice, cancellationToken);
        return await CallMembership.JoinAsync(matrix, alice, roomId, service.Http.BaseAddress!, leaveDelay);
    }

    /// <summary>The participant's <c>/get_token</c> with its delayed leave handed over; the LiveKit room and identity it is for.</summary>
    internal static async Task<(string Jwt, string Room, string Identity)> GetDelegatingTokenAsync(
        ServiceUnderTest service, SynapseClient matrix, CallMembership call, TimeSpan leaveDelay)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var user = call.User;
        var openId = await matrix.RequestOpenIdTokenAsync(user, cancellationToken);
        using var response = await service.PostJsonAsync("/get_token",
            TokenRequest.GetToken(openId, user.UserId, user.DeviceId, call.RoomId, call.DelayId, leaveDelay), cancellationToken);
        var (_, jwt) = await TokenResponse.ReadAsync(response);
        return (jwt, LiveKitRoomNamer.RoomName(call.RoomId, TokenRequest.Slot), LiveKitRoomNamer.ParticipantIdentity(user.UserId, user.DeviceId, TokenRequest.MemberId));
    }

    /// <summary>
    /// The participant joins the SFU; the service learns it is there (webhook or RoomService.GetParticipant)
    /// and restarts Synapse's countdown; the participant leaves; the SFU's webhook reaches the service,
    /// which has Synapse send the leave at once, long before the countdown would have run out.
    /// </summary>
    internal static async Task ConnectAndLeaveAsync(
        IntegrationLab lab, ServiceUnderTest service, SynapseClient matrix, CallMembership call, string jwt, string room, string identity, long runningSince)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using (var participant = await lab.Sfu.JoinAsync(jwt, cancellationToken))
        {
            Assert.Equal(identity, participant.Identity);
            await Eventually.TrueAsync(() => service.Jobs.StateOf(room, identity) == LeaveJobState.Connected,
                "the service sees the participant on the SFU", TimeSpan.FromSeconds(30), () => service.Logs.Tail());
            await Eventually.TrueAsync(async () => (await call.PendingLeaveAsync(matrix))?.RunningSince > runningSince,
                "the service restarts Synapse's countdown of the delayed leave", TimeSpan.FromSeconds(15), () => service.Logs.Tail());
            Assert.False(await call.HasLeftAsync(matrix));

            await participant.LeaveAsync(cancellationToken);
        }

        var left = Stopwatch.StartNew();
        // The real LiveKit reports a signalling-only participant as participant_connection_aborted, the test SFU as participant_left.
        await Eventually.TrueAsync(() => service.Logs.Lines.Any(l => IsDepartureWebhook(l) && l.Contains(identity, StringComparison.Ordinal)),
            "the SFU's webhook about the departing participant reaches the service", TimeSpan.FromSeconds(20), () => service.Logs.Tail());
        await Eventually.TrueAsync(() => call.HasLeftAsync(matrix),
            "Synapse sends the delayed leave (the membership becomes empty)", TimeSpan.FromSeconds(20), () => service.Logs.Tail());
        Assert.True(left.Elapsed < LeaveDelay / 2, $"the leave was sent {left.Elapsed} after leaving: by the service, not by Synapse's own timeout");
        Assert.Null(await call.PendingLeaveAsync(matrix));
        await Eventually.TrueAsync(() => service.Jobs.StateOf(room, identity) is null, "the job ends", TimeSpan.FromSeconds(10), () => service.Logs.Tail());
    }

    private static bool IsDepartureWebhook(string logLine) =>
        logLine.Contains("Webhook participant_left:", StringComparison.Ordinal)
        || logLine.Contains("Webhook participant_connection_aborted:", StringComparison.Ordinal);
}
