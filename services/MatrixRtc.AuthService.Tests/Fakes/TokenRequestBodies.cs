using System.Text.Json;

namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>Well-formed request bodies, built with System.Text.Json so tests vary one field at a time.</summary>
public static class TokenRequestBodies
{
    public static string GetToken(string serverName, string accessToken, string userId,
        string roomId = "!room:example.com", string slotId = "m.call#", string deviceId = "DEVICE", string memberId = "member-1",
        string? delayId = null, long? delayTimeout = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["room_id"] = roomId,
            ["slot_id"] = slotId,
            ["openid_token"] = new Dictionary<string, object?>
            {
                ["access_token"] = accessToken,
                ["token_type"] = "Bearer",
                ["matrix_server_name"] = serverName,
                ["expires_in"] = 3600,
            },
            ["member"] = new Dictionary<string, object?>
            {
                ["id"] = memberId,
                ["claimed_user_id"] = userId,
                ["claimed_device_id"] = deviceId,
            },
        };
        if (delayId is not null)
        {
            body["delay_id"] = delayId;
        }

        if (delayTimeout is not null)
        {
            body["delay_timeout"] = delayTimeout;
        }

        return JsonSerializer.Serialize(body);
    }

    public static string SfuGet(string serverName, string accessToken, string room = "!room:example.com", string? deviceId = "DEVICE",
        string? delayId = null, long? delayTimeout = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["room"] = room,
            ["openid_token"] = new Dictionary<string, object?> { ["access_token"] = accessToken, ["matrix_server_name"] = serverName },
            ["device_id"] = deviceId,
            ["delay_id"] = delayId,
            ["delay_timeout"] = delayTimeout,
        });
}
