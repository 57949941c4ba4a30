using System.Text.Json.Nodes;
using MatrixRtc.AuthService.IntegrationTests.Matrix;

namespace MatrixRtc.AuthService.IntegrationTests.Support;

/// <summary>A <c>/get_token</c> body as a MatrixRTC client sends it (MSC4195).</summary>
public static class TokenRequest
{
    public const string Slot = "m.call#ROOM";
    public const string MemberId = "member-1";

    public static string GetToken(OpenIdToken openId, string claimedUserId, string deviceId, string roomId,
        string? delayId = null, TimeSpan? delayTimeout = null)
    {
        var body = new JsonObject
        {
            ["room_id"] = roomId,
            ["slot_id"] = Slot,
            ["openid_token"] = new JsonObject
            {
                ["access_token"] = openId.AccessToken,
                ["token_type"] = "Bearer",
                ["matrix_server_name"] = openId.MatrixServerName,
                ["expires_in"] = 3600,
            },
            ["member"] = new JsonObject
            {
                ["id"] = MemberId,
                ["claimed_user_id"] = claimedUserId,
                ["claimed_device_id"] = deviceId,
            },
        };
        if (delayId is not null && delayTimeout is { } timeout)
        {
            body["delay_id"] = delayId;
            body["delay_timeout"] = (long)timeout.TotalMilliseconds;
        }

        return body.ToJsonString();
    }
}
