using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Checks;
using MatrixRtc.Doctor.Http;
using MatrixRtcLab.AppHost.Resources;
using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.Lab;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MatrixRtcLab.AppHost.Tests;

/// <summary>
/// The real AppHost with Synapse, PostgreSQL and Redis as local processes and password login: the
/// lab a machine without Docker runs, started for real and used the way a client and a support
/// engineer use it. LiveKit is not installable here; where a test needs an SFU, a test SFU speaking
/// LiveKit's Twirp protocol takes LiveKit's port.
/// </summary>
[Collection(LocalLabCollection.Name)]
public sealed class LocalLabTests(LocalLab lab) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    [Fact]
    public void What_cannot_run_here_is_left_out_with_the_reason_and_the_rest_is_published()
    {
        lab.SkipIfMissing();
        var model = lab.Service<DistributedApplicationModel>();
        var leftOut = model.Resources.OfType<LeftOutResource>().ToDictionary(r => r.Name, r => r.Reason);
        Assert.Contains("livekit-server", leftOut[LabResourceNames.LiveKit], StringComparison.Ordinal);
        Assert.Contains("Lab:Containers=off", leftOut[LabResourceNames.ElementWeb], StringComparison.Ordinal);
        Assert.DoesNotContain(model.Resources, r => r.Name is LabResourceNames.Mas or LabResourceNames.Nextcloud);

        Assert.Null(lab.Endpoints.MasUrl);
        Assert.Equal(lab.Lab.Topology.Synapse.PublicUrl, lab.Endpoints.HomeserverUrl);
    }

    [Fact]
    public void The_WaitFor_graph_is_the_models_start_order_for_local_processes_too()
    {
        lab.SkipIfMissing();
        var waits = lab.Service<DistributedApplicationModel>().Resources
            .SelectMany(r => r.Annotations.OfType<WaitAnnotation>().Select(w => $"{r.Name} -> {w.Resource.Name}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            lab.Lab.StartOrder.SelectMany(e => e.Value.Select(d => $"{e.Key} -> {d}")).Order(StringComparer.Ordinal),
            waits);
        Assert.Equal(["auth-service -> redis", "auth-service -> synapse", "synapse -> postgres"], waits);
    }

    [Fact]
    public async Task The_seeded_users_log_in_with_their_passwords()
    {
        lab.SkipIfMissing();
        foreach (var user in LabUsers.All.Take(2))
        {
            var session = await LabMatrixUser.LogInAsync(_http, lab.Endpoints.HomeserverUrl, user.Username, user.Password, Ct);
            Assert.Equal($"@{user.Username}:{lab.Endpoints.ServerName}", session.UserId);
        }
    }

    [Fact]
    public async Task A_real_OpenID_token_gets_a_LiveKit_token_from_the_auth_service_and_a_forged_one_is_refused()
    {
        lab.SkipIfMissing();
        var alice = await LogInAsync("alice");
        var room = await alice.CreateCallRoomAsync(Ct);
        var openId = await alice.RequestOpenIdTokenAsync(Ct);

        await using var sfu = await TestSfu.StartAsync(LabPorts.LiveKitHttp, Ct);
        using var accepted = await _http.PostAsJsonAsync(new Uri(lab.Endpoints.AuthServiceUrl, "get_token"), TokenRequest(room, alice, openId), Ct);
        var body = await accepted.Content.ReadAsStringAsync(Ct);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal(lab.Lab.AuthServiceEnvironment["LIVEKIT_URL"], (string)answer["url"]!);

        // The token for the browser and the one the service used to create the room on the SFU are
        // both signed with the lab's LiveKit secret, checked by an implementation of our own.
        var jwt = await ValidateLiveKitTokenAsync((string)answer["jwt"]!);
        var video = (JsonObject)JsonNode.Parse(jwt.GetPayloadValue<object>("video").ToString()!)!;
        Assert.True((bool)video["roomJoin"]!);
        var (method, bearer) = Assert.Single(sfu.Calls);
        Assert.Equal("CreateRoom", method);
        await ValidateLiveKitTokenAsync(bearer);

        var forged = openId.DeepClone().AsObject();
        forged["access_token"] = "forged" + (string)openId["access_token"]!;
        using var refused = await _http.PostAsJsonAsync(new Uri(lab.Endpoints.AuthServiceUrl, "get_token"), TokenRequest(room, alice, forged), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("M_UNAUTHORIZED", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!["errcode"]!);
        Assert.Single(sfu.Calls);
    }

    [Fact]
    public async Task Rtc_doctor_passes_every_homeserver_check_and_names_the_missing_SFU()
    {
        lab.SkipIfMissing();
        var alice = await LogInAsync("alice");
        var room = await alice.CreateCallRoomAsync(Ct);
        using var http = DoctorHttpClient.Create();
        var report = await new DeploymentChecker(http).RunAsync(new DeploymentCheckOptions
        {
            ServerName = lab.Endpoints.ServerName,
            ServerBaseUrl = lab.Endpoints.HomeserverUrl,
            ClientUrl = lab.Endpoints.HomeserverUrl,
            // The lab's auth service reaches the openid listener through LIVEKIT_FEDERATION_URL_OVERRIDES: so does the doctor.
            FederationUrl = lab.Endpoints.HomeserverUrl,
            AuthServiceUrl = lab.Endpoints.AuthServiceUrl,
            LiveKitUrl = lab.Endpoints.LiveKitUrl,
            UserId = alice.UserId,
            AccessToken = alice.AccessToken,
            RoomId = room,
            LiveKitKey = lab.Lab.Secrets.LiveKitApiKey,
            LiveKitSecret = lab.Lab.Secrets.LiveKitApiSecret,
        }, Ct);
        var outcomes = report.Checks.ToDictionary(c => c.Id);
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", report.Checks.Select(c => $"{c.Outcome} {c.Id}: {c.Finding}")));

        foreach (var id in new[] { "wk.client", "wk.client.cors", "wk.rtc_foci", "cs.versions", "cs.delayed_events", "cs.delayed_events.live", "rtc.transports", "rtc.openid", "rtc.userinfo", "jwt.health" })
        {
            Assert.True(outcomes[id].Outcome == CheckOutcome.Pass, $"{id}: {outcomes[id].Outcome} {outcomes[id].Finding}");
        }

        // Without an SFU the token exchange fails at room creation, and LiveKit does not answer: both say so.
        Assert.Equal(CheckOutcome.Fail, outcomes["jwt.token"].Outcome);
        Assert.Contains(report.Checks, c => c.Id.StartsWith("lk.", StringComparison.Ordinal) && c.Outcome == CheckOutcome.Fail);
    }

    [Fact]
    public async Task Both_dashboard_commands_run_against_the_lab()
    {
        lab.SkipIfMissing();
        var alice = await LogInAsync("alice");
        var room = await alice.CreateCallRoomAsync(Ct);
        await alice.PutStateAsync(room, "org.matrix.msc3401.call.member", $"_{alice.UserId}_{alice.DeviceId}_m.call", new JsonObject
        {
            ["application"] = "m.call",
            ["call_id"] = "",
            ["scope"] = "m.room",
            ["device_id"] = alice.DeviceId,
            ["expires"] = 14400000,
            ["focus_active"] = new JsonObject { ["type"] = "livekit", ["focus_selection"] = "oldest_membership" },
            ["foci_preferred"] = new JsonArray(new JsonObject
            {
                ["type"] = "livekit",
                ["livekit_service_url"] = lab.Endpoints.AuthServiceUrl.GetLeftPart(UriPartial.Authority),
                ["livekit_alias"] = room,
            }),
        }, Ct);

        var commands = lab.App.ResourceCommands;
        var check = await commands.ExecuteCommandAsync(LabResourceNames.AuthService, "check-deployment", Ct);
        Assert.False(check.Success);
        Assert.Contains("lk.", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rtc.transports", check.Message, StringComparison.Ordinal);

        var unstick = await commands.ExecuteCommandAsync(LabResourceNames.AuthService, "unstick-calls", new InteractionInputCollection(
        [
            new InteractionInput { Name = "room", InputType = InputType.Text, Value = room },
            new InteractionInput { Name = "token", InputType = InputType.SecretText, Value = alice.AccessToken },
            new InteractionInput { Name = "apply", InputType = InputType.Boolean, Value = "false" },
        ]), Ct);
        Assert.True(unstick.Success, unstick.Message);
    }

    private async Task<LabMatrixUser> LogInAsync(string username)
    {
        var user = LabUsers.All.Single(u => u.Username == username);
        return await LabMatrixUser.LogInAsync(_http, lab.Endpoints.HomeserverUrl, user.Username, user.Password, Ct);
    }

    private static JsonObject TokenRequest(string room, LabMatrixUser user, JsonObject openId) => new()
    {
        ["room_id"] = room,
        ["slot_id"] = "m.call#ROOM",
        ["openid_token"] = openId.DeepClone(),
        ["member"] = new JsonObject { ["id"] = $"{user.UserId}:{user.DeviceId}", ["claimed_user_id"] = user.UserId, ["claimed_device_id"] = user.DeviceId },
    };

    private async Task<JsonWebToken> ValidateLiveKitTokenAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = lab.Lab.Secrets.LiveKitApiKey,
            ValidateAudience = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(lab.Lab.Secrets.LiveKitApiSecret)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
