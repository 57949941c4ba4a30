using Microsoft.AspNetCore.Builder;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class LiveKitRoomServiceTests : IAsyncLifetime
{
    private static readonly LiveKitCredentials Credentials = new("devkey", "devsecret");
    private FakeSfu sfu = null!;
    private TestHttpClientFactory http = null!;
    private LiveKitRoomService service = null!;

    public async ValueTask InitializeAsync()
    {
        sfu = await FakeSfu.StartAsync(Credentials.Key, Credentials.Secret);
        http = new TestHttpClientFactory(sfu.HttpUrl);
        service = new LiveKitRoomService(http, new LiveKitTokenIssuer(Credentials, TimeProvider.System), NullLogger<LiveKitRoomService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await sfu.DisposeAsync();
    }

    [Fact]
    public async Task Create_room_sends_the_specified_protobuf_request_with_a_room_create_token()
    {
        var room = await service.CreateRoomAsync("alias+/=", TestContext.Current.CancellationToken);

        Assert.Equal("alias+/=", room.Name);
        var call = Assert.Single(sfu.Calls);
        Assert.Equal("CreateRoom", call.Method);
        Assert.Equal("alias+/=", call.Fields[1]);
        Assert.Equal(300UL, call.Fields[2]); // empty_timeout
        Assert.Equal(20UL, call.Fields[10]); // departure_timeout
        Assert.False(call.Fields.ContainsKey(3)); // max_participants 0 = default, not on the wire
        Assert.Equal("""{"roomCreate":true}""", call.VideoGrant);
    }

    [Fact]
    public async Task Create_room_twice_returns_the_same_creation_time()
    {
        var first = await service.CreateRoomAsync("r", TestContext.Current.CancellationToken);
        var second = await service.CreateRoomAsync("r", TestContext.Current.CancellationToken);
        Assert.Equal(first.CreationTime, second.CreationTime);
    }

    [Fact]
    public async Task Create_room_failure_names_the_room_and_the_twirp_code()
    {
        sfu.FailWith = (500, "internal");
        var error = await Assert.ThrowsAsync<LiveKitRoomServiceException>(() => service.CreateRoomAsync("room-x", TestContext.Current.CancellationToken));
        Assert.Contains("room-x", error.Message, StringComparison.Ordinal);
        Assert.Contains("internal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_sfu_is_a_room_service_error()
    {
        using var closed = new TestHttpClientFactory(new Uri("http://127.0.0.1:1/"));
        var unreachable = new LiveKitRoomService(closed, new LiveKitTokenIssuer(Credentials, TimeProvider.System), NullLogger<LiveKitRoomService>.Instance);
        await Assert.ThrowsAsync<LiveKitRoomServiceException>(() => unreachable.CreateRoomAsync("r", TestContext.Current.CancellationToken));
        Assert.Equal(ParticipantPresence.Unknown, await unreachable.GetParticipantAsync("r", "i", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_participant_is_present_absent_or_unknown()
    {
        sfu.Participants[("r", "i")] = true;
        Assert.Equal(ParticipantPresence.Present, await service.GetParticipantAsync("r", "i", TestContext.Current.CancellationToken));
        Assert.Equal(ParticipantPresence.Absent, await service.GetParticipantAsync("r", "other", TestContext.Current.CancellationToken));
        var call = sfu.Calls.Last();
        Assert.Equal(("r", "other"), ((string)call.Fields[1], (string)call.Fields[2]));
        Assert.Equal("""{"roomAdmin":true,"room":"r"}""", call.VideoGrant);

        sfu.FailWith = (503, "unavailable");
        Assert.Equal(ParticipantPresence.Unknown, await service.GetParticipantAsync("r", "i", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_404_without_a_twirp_body_is_unknown_not_absent()
    {
        await using var plain = await LoopbackHttpServer.StartAsync(app => app.MapFallback(() => Microsoft.AspNetCore.Http.Results.NotFound()));
        using var client = new TestHttpClientFactory(plain.BaseUrl);
        var odd = new LiveKitRoomService(client, new LiveKitTokenIssuer(Credentials, TimeProvider.System), NullLogger<LiveKitRoomService>.Instance);
        Assert.Equal(ParticipantPresence.Unknown, await odd.GetParticipantAsync("r", "i", TestContext.Current.CancellationToken));
    }
}
