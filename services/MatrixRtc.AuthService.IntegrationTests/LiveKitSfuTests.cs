using System.Net;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.LiveKit;
using MatrixRtc.AuthService.IntegrationTests.Support;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Testing;

namespace MatrixRtc.AuthService.IntegrationTests;

/// <summary>
/// The service's tokens and room creation against the real LiveKit SFU (room.auto_create: false): its
/// signalling join, /rtc/validate and ListRooms, which the test SFU does not have. Container only.
/// </summary>
[Collection(IntegrationLabCollection.Name)]
public sealed class LiveKitSfuTests(IntegrationLab lab)
{
    [Fact]
    public async Task Full_access_token_creates_the_room_with_the_specified_timeouts_and_passes_join_validation()
    {
        lab.Require(LabServers.Synapse | LabServers.RealLiveKit);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        using var liveKit = lab.LiveKitApi();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var roomId = await matrix.CreateRoomAsync(alice, cancellationToken);
        var room = LiveKitRoomNamer.RoomName(roomId, TokenRequest.Slot);
        await using var service = await lab.StartServiceAsync(fullAccess: ServerNames.Synapse, receiveWebhooks: false);
        Assert.Empty(await liveKit.ListRoomsAsync(room, cancellationToken));

        var openId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
        using var response = await service.PostJsonAsync("/get_token", TokenRequest.GetToken(openId, alice.UserId, alice.DeviceId, roomId), cancellationToken);
        var (url, jwt) = await TokenResponse.ReadAsync(response);

        Assert.Equal(lab.LiveKit.WebSocketUrl.GetLeftPart(UriPartial.Authority), url);
        var created = Assert.Single(await liveKit.ListRoomsAsync(room, cancellationToken));
        Assert.Equal(room, created.Name);
        Assert.Equal(LiveKitRoomService.EmptyTimeoutSeconds, created.EmptyTimeout);
        Assert.Equal(LiveKitRoomService.DepartureTimeoutSeconds, created.DepartureTimeout);
        Assert.Equal((HttpStatusCode.OK, "success"), await liveKit.ValidateAsync(jwt, cancellationToken));

        await using var participant = await SignalConnection.JoinAsync(lab.LiveKit.WebSocketUrl, jwt, cancellationToken);
        Assert.Equal(LiveKitRoomNamer.ParticipantIdentity(alice.UserId, alice.DeviceId, TokenRequest.MemberId), participant.Identity);
        await participant.LeaveAsync(cancellationToken);
    }

    [Fact]
    public async Task Restricted_token_is_refused_for_a_missing_room_and_accepted_once_a_full_access_user_created_it()
    {
        lab.Require(LabServers.Synapse | LabServers.RealLiveKit);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        using var liveKit = lab.LiveKitApi();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var bob = await matrix.RegisterAsync(Localpart.New("bob"), cancellationToken);
        var roomId = await matrix.CreateRoomAsync(alice, cancellationToken);
        var room = LiveKitRoomNamer.RoomName(roomId, TokenRequest.Slot);

        // Bob's homeserver is not on this service's full-access list: he gets a token, no room.
        string bobsJwt;
        await using (var restricted = await lab.StartServiceAsync(fullAccess: ServerNames.SomeoneElse, receiveWebhooks: false))
        {
            var bobsOpenId = await matrix.RequestOpenIdTokenAsync(bob, cancellationToken);
            using var response = await restricted.PostJsonAsync("/get_token", TokenRequest.GetToken(bobsOpenId, bob.UserId, bob.DeviceId, roomId), cancellationToken);
            (_, bobsJwt) = await TokenResponse.ReadAsync(response);
        }

        Assert.Empty(await liveKit.ListRoomsAsync(room, cancellationToken));
        var (status, _) = await liveKit.ValidateAsync(bobsJwt, cancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, status);
        var refused = await Assert.ThrowsAsync<SfuJoinRefusedException>(() => SignalConnection.JoinAsync(lab.LiveKit.WebSocketUrl, bobsJwt, cancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);

        // Alice is full-access: her token request creates the room, and Bob's token now works.
        await using (var fullAccess = await lab.StartServiceAsync(fullAccess: ServerNames.Synapse, receiveWebhooks: false))
        {
            var alicesOpenId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
            using var response = await fullAccess.PostJsonAsync("/get_token", TokenRequest.GetToken(alicesOpenId, alice.UserId, alice.DeviceId, roomId), cancellationToken);
            await TokenResponse.ReadAsync(response);
        }

        Assert.Single(await liveKit.ListRoomsAsync(room, cancellationToken));
        Assert.Equal((HttpStatusCode.OK, "success"), await liveKit.ValidateAsync(bobsJwt, cancellationToken));
        await using var participant = await SignalConnection.JoinAsync(lab.LiveKit.WebSocketUrl, bobsJwt, cancellationToken);
        Assert.Equal(LiveKitRoomNamer.ParticipantIdentity(bob.UserId, bob.DeviceId, TokenRequest.MemberId), participant.Identity);
        await participant.LeaveAsync(cancellationToken);
    }
}
