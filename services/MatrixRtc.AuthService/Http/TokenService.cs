using MatrixRtc.AuthService.Configuration;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Http;

/// <summary>
/// What the three JSON endpoints do once a body is decoded, in lk-jwt-service's order: field
/// validation, OpenID validation, access level, naming, token, room creation, delegation.
/// </summary>
public sealed partial class TokenService(
    AuthServiceSettings settings,
    OpenIdVerifier openId,
    IClientServerApiResolver clientServerApi,
    ILiveKitRoomService rooms,
    ILeaveJobRegistry leaveJobs,
    LiveKitTokenIssuer tokens,
    AuthServiceMetrics metrics,
    TimeProvider time,
    ILogger<TokenService> logger)
{
    private const string MissingDelayParameters = "The request body is missing `delay_id` or `delay_timeout`";
    private static readonly long MaxDelayTimeoutMilliseconds = (long)LeaveJobParameters.MaxDelayTimeout.TotalMilliseconds;
    private static readonly string DelayTimeoutTooLong = $"`delay_timeout` must be at most {MaxDelayTimeoutMilliseconds} ms";

    /// <summary>POST /get_token (MSC4195).</summary>
    public async Task<TokenResponse> GetTokenAsync(GetTokenRequest request, CallerInfo caller, CancellationToken cancellationToken)
    {
        var (openIdToken, member) = ValidateMembership(request, articles: true);
        var delegation = ValidateOptionalDelegation(request.DelayId, request.DelayTimeout);
        var userId = await VerifyClaimedUserAsync(openIdToken, member, cancellationToken);
        var identity = LiveKitRoomNamer.ParticipantIdentity(userId, member.ClaimedDeviceId!, member.Id!);
        var roomName = LiveKitRoomNamer.RoomName(request.RoomId!, request.SlotId!);
        var jwt = await IssueAsync(openIdToken.MatrixServerName!, identity, roomName, userId, delegation, cancellationToken);
        LogTokenIssued("generated SFU access token", userId, member.ClaimedDeviceId!, Access(openIdToken.MatrixServerName!), request.RoomId!, request.SlotId!, identity, roomName, caller.RemoteAddress, caller.Origin);
        return new TokenResponse(settings.LiveKitUrl, jwt);
    }

    /// <summary>POST /sfu/get: the deprecated pre-Matrix-2.0 endpoint.</summary>
    public async Task<TokenResponse> SfuGetAsync(SfuGetRequest request, CallerInfo caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Room))
        {
            throw new MatrixErrorException(MatrixError.BadJson("Missing room parameter"));
        }

        if (string.IsNullOrEmpty(request.OpenIdToken?.AccessToken) || string.IsNullOrEmpty(request.OpenIdToken.MatrixServerName))
        {
            throw new MatrixErrorException(MatrixError.BadJson("Missing OpenID token parameters"));
        }

        var delegation = ValidateOptionalDelegation(request.DelayId, request.DelayTimeout);
        var userId = await VerifyAsync(request.OpenIdToken, cancellationToken);
        var deviceId = request.DeviceId ?? "";
        var identity = LiveKitRoomNamer.LegacyParticipantIdentity(userId, deviceId);
        var roomName = LiveKitRoomNamer.RoomName(request.Room, LiveKitRoomNamer.LegacySlotId);
        var jwt = await IssueAsync(request.OpenIdToken.MatrixServerName, identity, roomName, userId, delegation, cancellationToken);
        LogTokenIssued("generated Legacy SFU access token", userId, deviceId, Access(request.OpenIdToken.MatrixServerName), request.Room, LiveKitRoomNamer.LegacySlotId, identity, roomName, caller.RemoteAddress, caller.Origin);
        return new TokenResponse(settings.LiveKitUrl, jwt);
    }

    /// <summary>POST /delegate_delayed_leave: hand over the leave event of an already connected client.</summary>
    public async Task DelegateDelayedLeaveAsync(GetTokenRequest request, CancellationToken cancellationToken)
    {
        var (openIdToken, member) = ValidateMembership(request, articles: false);
        if (string.IsNullOrEmpty(request.DelayId) || request.DelayTimeout is not > 0)
        {
            throw new MatrixErrorException(MatrixError.BadJson(MissingDelayParameters));
        }

        if (request.DelayTimeout > MaxDelayTimeoutMilliseconds)
        {
            throw new MatrixErrorException(MatrixError.BadJson(DelayTimeoutTooLong));
        }

        var userId = await VerifyClaimedUserAsync(openIdToken, member, cancellationToken);
        var serverName = openIdToken.MatrixServerName!;
        if (!settings.IsFullAccess(serverName))
        {
            throw new MatrixErrorException(MatrixError.DelegationForbidden);
        }

        var identity = LiveKitRoomNamer.ParticipantIdentity(userId, member.ClaimedDeviceId!, member.Id!);
        var roomName = LiveKitRoomNamer.RoomName(request.RoomId!, request.SlotId!);
        await EnsureClientServerApiAsync(serverName, cancellationToken);
        await RegisterLeaveJobAsync(new Delegation(request.DelayId, request.DelayTimeout.Value), serverName, roomName, identity, cancellationToken);
    }

    private static (OpenIdTokenBody OpenId, MemberBody Member) ValidateMembership(GetTokenRequest request, bool articles)
    {
        var a = articles ? "a " : "";
        if (string.IsNullOrEmpty(request.RoomId) || string.IsNullOrEmpty(request.SlotId))
        {
            throw new MatrixErrorException(MatrixError.BadJson("The request body is missing `room_id` or `slot_id`"));
        }

        var member = request.Member;
        if (string.IsNullOrEmpty(member?.Id) || string.IsNullOrEmpty(member.ClaimedUserId) || string.IsNullOrEmpty(member.ClaimedDeviceId))
        {
            throw new MatrixErrorException(MatrixError.BadJson($"The request body `member` is missing {a}`id`, `claimed_user_id` or `claimed_device_id`"));
        }

        var openId = request.OpenIdToken;
        if (string.IsNullOrEmpty(openId?.AccessToken) || string.IsNullOrEmpty(openId.MatrixServerName))
        {
            throw new MatrixErrorException(MatrixError.BadJson($"The request body `openid_token` is missing {a}`access_token` or `matrix_server_name`"));
        }

        return (openId, member);
    }

    /// <returns>The delegation when both parameters are present, null when neither is.</returns>
    private static Delegation? ValidateOptionalDelegation(string? delayId, long? delayTimeout)
    {
        var anyPresent = !string.IsNullOrEmpty(delayId) || delayTimeout > 0;
        var allPresent = !string.IsNullOrEmpty(delayId) && delayTimeout > 0;
        if (anyPresent && !allPresent)
        {
            throw new MatrixErrorException(MatrixError.BadJson(MissingDelayParameters));
        }

        if (allPresent && delayTimeout > MaxDelayTimeoutMilliseconds)
        {
            throw new MatrixErrorException(MatrixError.BadJson(DelayTimeoutTooLong));
        }

        return allPresent ? new Delegation(delayId!, delayTimeout!.Value) : null;
    }

    private async Task<string> VerifyClaimedUserAsync(OpenIdTokenBody openIdToken, MemberBody member, CancellationToken cancellationToken)
    {
        var userId = await VerifyAsync(openIdToken, cancellationToken);
        if (userId != member.ClaimedUserId)
        {
            LogClaimMismatch(userId, member.ClaimedUserId!);
            throw new MatrixErrorException(MatrixError.Unauthorized);
        }

        return userId;
    }

    private async Task<string> VerifyAsync(OpenIdTokenBody openIdToken, CancellationToken cancellationToken)
    {
        try
        {
            return await openId.VerifyAsync(openIdToken.AccessToken!, openIdToken.MatrixServerName!, cancellationToken);
        }
        catch (OpenIdRejectedException e)
        {
            LogOpenIdFailed(openIdToken.MatrixServerName!, e.Message);
            throw new MatrixErrorException(MatrixError.Unauthorized);
        }
    }

    /// <summary>
    /// Mints the participant token; for full-access users also creates the room and registers the
    /// delegation (restricted users may not delegate). The CS-API is resolved before the room is
    /// created so a failed delegation leaves no room behind.
    /// </summary>
    private async Task<string> IssueAsync(
        string serverName, string identity, string roomName, string userId, Delegation? delegation, CancellationToken cancellationToken)
    {
        var fullAccess = settings.IsFullAccess(serverName);
        if (!fullAccess && delegation is not null)
        {
            throw new MatrixErrorException(MatrixError.DelegationNotAllowed);
        }

        var jwt = MintParticipantToken(identity, roomName);
        if (fullAccess)
        {
            if (delegation is not null)
            {
                await EnsureClientServerApiAsync(serverName, cancellationToken);
            }

            await CreateRoomAsync(roomName, identity, userId, cancellationToken);
            if (delegation is not null)
            {
                await RegisterLeaveJobAsync(delegation, serverName, roomName, identity, cancellationToken);
            }
        }

        return jwt;
    }

    private string Access(string serverName) => settings.IsFullAccess(serverName) ? "full" : "restricted";

    private string MintParticipantToken(string identity, string roomName)
    {
        try
        {
            return tokens.ParticipantToken(identity, roomName);
        }
        catch (InvalidOperationException e)
        {
            LogMintFailed(e.Message);
            throw new MatrixErrorException(MatrixError.TokenMintingFailed);
        }
    }

    private async Task EnsureClientServerApiAsync(string serverName, CancellationToken cancellationToken)
    {
        if (await clientServerApi.ResolveAsync(serverName, cancellationToken) is null)
        {
            throw new MatrixErrorException(MatrixError.ClientServerApiUnresolvable);
        }
    }

    private async Task CreateRoomAsync(string roomName, string identity, string userId, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            var room = await rooms.CreateRoomAsync(roomName, cancellationToken);
            var reused = room.CreationTime.ToUnixTimeSeconds() < started.ToUnixTimeSeconds();
            metrics.RoomCreated(reused);
            LogRoomReady(reused ? "reused" : "created", roomName, identity, userId);
        }
        catch (LiveKitRoomServiceException e)
        {
            LogRoomFailed(roomName, identity, userId, e.Message);
            throw new MatrixErrorException(MatrixError.RoomCreationFailed);
        }
    }

    private async Task RegisterLeaveJobAsync(Delegation delegation, string serverName, string roomName, string identity, CancellationToken cancellationToken)
    {
        try
        {
            await leaveJobs.RegisterAsync(
                new LeaveJobParameters(delegation.DelayId, TimeSpan.FromMilliseconds(delegation.TimeoutMilliseconds), serverName, roomName, identity),
                cancellationToken);
        }
        catch (LeaveJobRejectedException e)
        {
            throw new MatrixErrorException(e.Reason == LeaveJobRejection.ShuttingDown ? MatrixError.ShuttingDown : MatrixError.BadJson(e.Message));
        }
    }

    private sealed record Delegation(string DelayId, long TimeoutMilliseconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{What}: MatrixID={UserId} ClaimedDeviceID={DeviceId} access={Access} MatrixRoom={MatrixRoom} Slot={Slot} LiveKitIdentity={Identity} LiveKitRoom={LiveKitRoom} RemoteAddr={RemoteAddress} Origin={Origin}")]
    private partial void LogTokenIssued(string what, string userId, string deviceId, string access, string matrixRoom, string slot, string identity, string liveKitRoom, System.Net.IPAddress? remoteAddress, string? origin);

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenID validation against {ServerName} failed: {Reason}")]
    private partial void LogOpenIdFailed(string serverName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claimed user {ClaimedUserId} is not the OpenID user {UserId}")]
    private partial void LogClaimMismatch(string userId, string claimedUserId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot mint a LiveKit token: {Reason}")]
    private partial void LogMintFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Result} on SFU: LiveKitRoom={Room} LiveKitIdentity={Identity} MatrixID={UserId}")]
    private partial void LogRoomReady(string result, string room, string identity, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unable to create room on SFU: LiveKitRoom={Room} LiveKitIdentity={Identity} MatrixID={UserId}: {Reason}")]
    private partial void LogRoomFailed(string room, string identity, string userId, string reason);
}
