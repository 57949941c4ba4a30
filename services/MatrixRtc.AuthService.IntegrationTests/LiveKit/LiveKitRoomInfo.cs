namespace MatrixRtc.AuthService.IntegrationTests.LiveKit;

/// <summary>A room as LiveKit's RoomService lists it.</summary>
public sealed record LiveKitRoomInfo(string Name, uint EmptyTimeout, uint DepartureTimeout, uint NumParticipants);
