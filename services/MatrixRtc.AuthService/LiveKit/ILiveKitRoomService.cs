namespace MatrixRtc.AuthService.LiveKit;

/// <summary>The two LiveKit RoomService (Twirp) calls the service makes.</summary>
public interface ILiveKitRoomService
{
    /// <summary>Creates the room, or returns the existing one (LiveKit's CreateRoom is idempotent).</summary>
    /// <exception cref="LiveKitRoomServiceException">Transport failure, non-200 answer or Twirp error.</exception>
    Task<CreatedRoom> CreateRoomAsync(string roomName, CancellationToken cancellationToken);

    /// <summary>Asks the SFU whether <paramref name="identity"/> is in <paramref name="roomName"/>; never throws for SFU errors.</summary>
    Task<ParticipantPresence> GetParticipantAsync(string roomName, string identity, CancellationToken cancellationToken);
}
