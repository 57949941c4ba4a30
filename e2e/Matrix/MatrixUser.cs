namespace MatrixRtcLab.E2E.Matrix;

/// <summary>A Matrix account a test created, with a session (device) the browser takes over.</summary>
public sealed record MatrixUser(string UserId, string Username, string DisplayName, string AccessToken, string DeviceId)
{
    public override string ToString() => $"{UserId} ({DisplayName}, device {DeviceId})";
}
