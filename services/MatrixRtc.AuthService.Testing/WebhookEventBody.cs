using System.Globalization;
using System.Text.Json.Nodes;

namespace MatrixRtc.AuthService.Testing;

/// <summary>
/// A participant WebhookEvent as LiveKit's notifier posts it: protobuf JSON with lowerCamelCase
/// names, enums by name and 64-bit numbers as strings.
/// </summary>
public static class WebhookEventBody
{
    public static byte[] Participant(string eventName, FakeSfuParticipant participant, string state, string? disconnectReason, DateTimeOffset at)
    {
        var info = new JsonObject
        {
            ["sid"] = "PA_" + Sid(participant.Identity),
            ["identity"] = participant.Identity,
            ["state"] = state,
        };
        if (disconnectReason is not null)
        {
            info["disconnectReason"] = disconnectReason;
        }

        var body = new JsonObject
        {
            ["event"] = eventName,
            ["room"] = new JsonObject { ["sid"] = "RM_" + Sid(participant.Room), ["name"] = participant.Room },
            ["participant"] = info,
            ["id"] = "EV_" + Guid.NewGuid().ToString("N")[..12],
            ["createdAt"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        return System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>A stable short ID for a name, as LiveKit keeps one SID per room and participant.</summary>
    private static string Sid(string name) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..12];
}
