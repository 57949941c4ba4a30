using System.Net;
using MatrixRtc.AuthService.IntegrationTests.Lab;
using MatrixRtc.AuthService.IntegrationTests.Matrix;
using MatrixRtc.AuthService.IntegrationTests.Service;
using MatrixRtc.AuthService.IntegrationTests.Support;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.IntegrationTests;

/// <summary>
/// OpenID validation against the real Synapse userinfo endpoint (/_matrix/federation/v1/openid/userinfo).
/// The service here treats Synapse's users as restricted, so only the OpenID check is exercised.
/// </summary>
[Collection(IntegrationLabCollection.Name)]
public sealed class SynapseOpenIdTests(IntegrationLab lab)
{
    [Fact]
    public async Task Real_openid_token_from_synapse_is_accepted_for_its_user()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var openId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
        Assert.Equal(ServerNames.Synapse, openId.MatrixServerName);
        await using var service = await StartServiceAsync();

        var (_, jwt) = await TokenResponse.ReadAsync(await GetTokenAsync(service, openId, alice, alice.UserId));

        var claims = Hs256Jwt.Verify(jwt, issuer => issuer == lab.Sfu.Credentials.Key ? lab.Sfu.Credentials.Secret : null);
        Assert.Equal(LiveKitRoomNamer.ParticipantIdentity(alice.UserId, alice.DeviceId, TokenRequest.MemberId), claims.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Forged_openid_token_is_refused()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        await using var service = await StartServiceAsync();
        var forged = new OpenIdToken(MatrixRtcLab.Topology.Secrets.SecretGenerator.AlphanumericString(24), ServerNames.Synapse);

        await AssertRefusedAsync(service, forged, alice, alice.UserId);
    }

    [Fact]
    public async Task Client_access_token_is_not_an_openid_token()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        await using var service = await StartServiceAsync();

        var accessToken = new OpenIdToken(alice.AccessToken, ServerNames.Synapse);
        await AssertRefusedAsync(service, accessToken, alice, alice.UserId);
    }

    [Fact]
    public async Task Expired_openid_token_is_refused()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var openId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
        await using var service = await StartServiceAsync();
        await TokenResponse.ReadAsync(await GetTokenAsync(service, openId, alice, alice.UserId));

        await lab.Synapse.ExpireOpenIdTokenAsync(openId.AccessToken, cancellationToken);

        await AssertRefusedAsync(service, openId, alice, alice.UserId);
    }

    [Fact]
    public async Task Real_token_claimed_for_another_user_is_refused()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var mallory = await matrix.RegisterAsync(Localpart.New("mallory"), cancellationToken);
        var mallorysOpenId = await matrix.RequestOpenIdTokenAsync(mallory, cancellationToken);
        await using var service = await StartServiceAsync();

        await AssertRefusedAsync(service, mallorysOpenId, mallory, alice.UserId);
    }

    [Fact]
    public async Task Real_token_presented_as_issued_by_another_server_is_refused()
    {
        lab.Require(LabServers.Synapse);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var matrix = lab.Matrix();
        var alice = await matrix.RegisterAsync(Localpart.New("alice"), cancellationToken);
        var openId = await matrix.RequestOpenIdTokenAsync(alice, cancellationToken);
        await using var service = await StartServiceAsync();

        // The service asks the impostor's federation endpoint, which is this same Synapse: it knows the
        // token, but its user belongs to another server than the one the token was presented for.
        var presentedForImpostor = openId with { MatrixServerName = ServerNames.Impostor };
        await AssertRefusedAsync(service, presentedForImpostor, alice, alice.UserId);
        Assert.Contains(service.Logs.Lines, line => line.Contains($"userinfo from {ServerNames.Impostor} names a user of another server ({alice.UserId})", StringComparison.Ordinal));

        // The same token, presented for the server that issued it, is still good.
        await TokenResponse.ReadAsync(await GetTokenAsync(service, openId, alice, alice.UserId));
    }

    /// <summary>A service for which Synapse's users are restricted, so only the OpenID check runs.</summary>
    private Task<ServiceUnderTest> StartServiceAsync() => lab.StartServiceAsync(fullAccess: ServerNames.SomeoneElse, receiveWebhooks: false);

    /// <summary>The service answers 401 M_UNAUTHORIZED, as lk-jwt-service does for any OpenID failure.</summary>
    private static async Task AssertRefusedAsync(ServiceUnderTest service, OpenIdToken openId, MatrixUser device, string claimedUserId) =>
        await TokenResponse.AssertErrorAsync(await GetTokenAsync(service, openId, device, claimedUserId), HttpStatusCode.Unauthorized, "M_UNAUTHORIZED");

    private static Task<HttpResponseMessage> GetTokenAsync(ServiceUnderTest service, OpenIdToken openId, MatrixUser device, string claimedUserId) =>
        service.PostJsonAsync("/get_token",
            TokenRequest.GetToken(openId, claimedUserId, device.DeviceId, $"!openid-{Guid.NewGuid():N}:{ServerNames.Synapse}"),
            TestContext.Current.CancellationToken);
}
