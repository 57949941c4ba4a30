using System.Text.Json.Nodes;
using MatrixRtc.AuthService.IntegrationTests.Matrix;

namespace MatrixRtc.AuthService.IntegrationTests.Support;

/// <summary>
/// A MatrixRTC call membership as Element Call writes it: an <c>org.matrix.msc3401.call.member</c>
/// state event, and its leave (empty content) scheduled as an MSC4140 delayed event.
/// </summary>
public sealed record CallMembership(MatrixUser User, string RoomId, string StateKey, string DelayId)
{
    public const string EventType = "org.matrix.msc3401.call.member";

    public static async Task<CallMembership> JoinAsync(SynapseClient matrix, MatrixUser user, string roomId, Uri serviceUrl, TimeSpan leaveDelay)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var stateKey = $"_{user.UserId}_{user.DeviceId}_m.call";
        var membership = new JsonObject
        {
            ["application"] = "m.call",
            ["call_id"] = "",
            ["scope"] = "m.room",
            ["device_id"] = user.DeviceId,
            ["expires"] = 14_400_000,
            ["focus_active"] = new JsonObject { ["type"] = "livekit", ["focus_selection"] = "oldest_membership" },
            ["foci_preferred"] = new JsonArray(new JsonObject
            {
                ["type"] = "livekit",
                ["livekit_service_url"] = serviceUrl.ToString(),
                ["livekit_alias"] = roomId,
            }),
        };
        await matrix.PutStateAsync(user, roomId, EventType, stateKey, membership, cancellationToken);
        var delayId = await matrix.ScheduleDelayedStateAsync(user, roomId, EventType, stateKey, new JsonObject(), leaveDelay, cancellationToken);
        return new CallMembership(user, roomId, stateKey, delayId);
    }

    /// <summary>True once the membership has been replaced by the empty leave event.</summary>
    public async Task<bool> HasLeftAsync(SynapseClient matrix)
    {
        var content = await matrix.GetStateAsync(User, RoomId, EventType, StateKey, TestContext.Current.CancellationToken);
        return content is { ValueKind: System.Text.Json.JsonValueKind.Object } state && !state.EnumerateObject().Any();
    }

    /// <summary>The pending delayed leave, or null once Synapse has sent it.</summary>
    public async Task<DelayedEvent?> PendingLeaveAsync(SynapseClient matrix) =>
        (await matrix.GetDelayedEventsAsync(User, TestContext.Current.CancellationToken)).SingleOrDefault(e => e.DelayId == DelayId);
}
