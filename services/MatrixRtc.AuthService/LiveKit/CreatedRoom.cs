namespace MatrixRtc.AuthService.LiveKit;

/// <summary>The room LiveKit returned; <see cref="CreationTime"/> tells a new room from a reused one.</summary>
public sealed record CreatedRoom(string Name, DateTimeOffset CreationTime);
