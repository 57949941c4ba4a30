using System.Collections.Concurrent;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.DelayedLeave;

/// <summary>The SFU's presence answers, set by the test; records every lookup.</summary>
internal sealed class FakeLiveKitRoomService : ILiveKitRoomService
{
    private readonly ConcurrentDictionary<(string Room, string Identity), ParticipantPresence> presence = new();
    private int lookups;

    public ParticipantPresence DefaultPresence { get; set; } = ParticipantPresence.Absent;

    public int Lookups => Volatile.Read(ref lookups);

    public void Set(string room, string identity, ParticipantPresence value) => presence[(room, identity)] = value;

    public Task<CreatedRoom> CreateRoomAsync(string roomName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The delayed-leave engine never creates rooms.");

    public Task<ParticipantPresence> GetParticipantAsync(string roomName, string identity, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lookups);
        return Task.FromResult(presence.TryGetValue((roomName, identity), out var value) ? value : DefaultPresence);
    }
}
