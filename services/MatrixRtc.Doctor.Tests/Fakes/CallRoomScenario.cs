using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Memberships;
using MatrixRtc.Doctor.Unstick;
using static MatrixRtc.Doctor.Tests.Fakes.Memberships;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>A room with call members of every generation on a fake homeserver, and a fake LiveKit for the cross-check.</summary>
public sealed class CallRoomScenario : IAsyncDisposable
{
    public const string AdminToken = "syt_admin_secret_token_000000001";
    public const string ModToken = "syt_mod_secret_token_0000000002";

    private CallRoomScenario(FakeHomeserver homeserver, FakeLiveKit liveKit, string roomVersion)
    {
        Homeserver = homeserver;
        LiveKit = liveKit;
        var hs = homeserver.ServerName;
        Admin = $"@admin:{hs}";
        Mod = $"@mod:{hs}";
        RoomId = $"!call:{hs}";
        Room = homeserver.CreateRoom(RoomId, Admin, roomVersion);
        homeserver.AddUser(Admin, AdminToken, "ADMINDEV");
        homeserver.AddUser(Mod, ModToken, "MODDEV");
        Room.Join(Mod);
    }

    public FakeHomeserver Homeserver { get; }

    public FakeLiveKit LiveKit { get; }

    public FakeRoom Room { get; }

    public string RoomId { get; }

    public string Admin { get; }

    public string Mod { get; }

    public string LiveKitRoomName => LiveKitNames.RoomName(RoomId);

    public static async Task<CallRoomScenario> StartAsync(string roomVersion = "10") =>
        new(await FakeHomeserver.StartAsync(), await FakeLiveKit.StartAsync(), roomVersion);

    public string User(string localpart) => $"@{localpart}:{Homeserver.ServerName}";

    /// <summary>Joins <paramref name="localpart"/> to the room and returns the full user ID.</summary>
    public string Member(string localpart)
    {
        var user = User(localpart);
        Room.Join(user);
        return user;
    }

    /// <summary>A Gen 4 member written <paramref name="ago"/>; returns its state key.</summary>
    public string Gen4(string localpart, TimeSpan ago, string device = "DEV")
    {
        var user = Member(localpart);
        var key = Gen4Key(user, device);
        Room.Write(user, StateType, key, Session(user, device), DateTimeOffset.UtcNow - ago);
        return key;
    }

    public string Gen3(string localpart, TimeSpan ago, string device = "DEV")
    {
        var user = Member(localpart);
        var key = Gen3Key(user, device);
        Room.Write(user, StateType, key, Session(user, device), DateTimeOffset.UtcNow - ago);
        return key;
    }

    public string Gen2(string localpart, TimeSpan ago)
    {
        var user = Member(localpart);
        Room.Write(user, StateType, user, LegacyArray("LEGACYDEV", DateTimeOffset.UtcNow - ago, TimeSpan.FromHours(12)), DateTimeOffset.UtcNow - ago);
        return user;
    }

    public string Gen1(string localpart, TimeSpan ago)
    {
        var user = localpart == "admin" ? Admin : Member(localpart);
        Room.Write(user, StateType, user, Mesh("MESHDEV", DateTimeOffset.UtcNow.AddHours(6)), DateTimeOffset.UtcNow - ago);
        return user;
    }

    public void Gen5(string localpart, TimeSpan ago, string device = "STICKYDEV", string memberId = "member-1") =>
        Room.SendSticky(Member(localpart), Sticky(User(localpart), device, memberId), DateTimeOffset.UtcNow - ago);

    /// <summary>Puts a participant into the LiveKit room this Matrix room maps to.</summary>
    public void OnSfu(string identity) => LiveKit.Rooms.GetOrAdd(LiveKitRoomName, _ => []).Add(identity);

    public LiveKitCredentials LiveKitCredentials => new(LiveKit.SignallingUrl, LiveKit.ApiKey, LiveKit.ApiSecret);

    public UnstickOptions Unstick(bool apply, bool withLiveKit = true, string token = AdminToken) => new()
    {
        HomeserverUrl = Homeserver.BaseUrl,
        AccessToken = token,
        RoomId = RoomId,
        Apply = apply,
        LiveKit = withLiveKit ? LiveKitCredentials : null,
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>State writes the homeserver received for call memberships.</summary>
    public IReadOnlyList<RecordedRequest> MembershipWrites =>
        [.. Homeserver.Server.Writes.Where(r => r.Path.Contains("/state/" + StateType, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await Homeserver.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}
