using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Checks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>A complete, healthy MatrixRTC deployment of fakes on loopback; tests break one part at a time.</summary>
public sealed class FakeDeployment : IAsyncDisposable
{
    public const string AliceToken = "syt_YWxpY2U_secretaccesstoken_0001";

    private FakeDeployment(FakeHomeserver homeserver, FakeLiveKit liveKit, FakeAuthService authService, LoopbackServer mas)
    {
        Homeserver = homeserver;
        LiveKit = liveKit;
        AuthService = authService;
        Mas = mas;
    }

    public FakeHomeserver Homeserver { get; }

    public FakeLiveKit LiveKit { get; }

    public FakeAuthService AuthService { get; }

    public LoopbackServer Mas { get; }

    /// <summary>What MAS's discovery document claims as issuer (break it to test the mismatch).</summary>
    public string? MasIssuerOverride { get; set; }

    public string ServerName => Homeserver.ServerName;

    public string Alice => $"@alice:{ServerName}";

    public static async Task<FakeDeployment> StartAsync()
    {
        var homeserver = await FakeHomeserver.StartAsync();
        var liveKit = await FakeLiveKit.StartAsync();
        var authService = await FakeAuthService.StartAsync(homeserver, liveKit);
        FakeDeployment? deployment = null;
        var mas = await LoopbackServer.StartAsync(app => app.MapGet("/.well-known/openid-configuration", () =>
        {
            var issuer = deployment!.MasIssuerOverride ?? deployment.Mas.BaseUrl.ToString();
            return Results.Json(new JsonObject { ["issuer"] = issuer, ["authorization_endpoint"] = issuer + "authorize" });
        }));
        deployment = new FakeDeployment(homeserver, liveKit, authService, mas);

        var transport = new JsonObject { ["type"] = "livekit", ["livekit_service_url"] = authService.BaseUrl.ToString() };
        homeserver.Transports = [transport.DeepClone()];
        homeserver.RtcFoci = [transport.DeepClone()];
        homeserver.Issuer = mas.BaseUrl.ToString();
        homeserver.AddUser(deployment.Alice, AliceToken, "ALICEDEV");
        return deployment;
    }

    /// <summary>Options for a full authenticated check with LiveKit keys.</summary>
    public DeploymentCheckOptions Options(bool withLiveKitKeys = true) => new()
    {
        ServerName = ServerName,
        ServerBaseUrl = Homeserver.BaseUrl,
        UserId = Alice,
        AccessToken = AliceToken,
        LiveKitKey = withLiveKitKeys ? LiveKit.ApiKey : null,
        LiveKitSecret = withLiveKitKeys ? LiveKit.ApiSecret : null,
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async ValueTask DisposeAsync()
    {
        await AuthService.DisposeAsync();
        await LiveKit.DisposeAsync();
        await Homeserver.DisposeAsync();
        await Mas.DisposeAsync();
    }
}
