namespace MatrixRtc.AuthService.IntegrationTests.Matrix;

/// <summary>A user registered on the test Synapse, logged in on one device.</summary>
public sealed record MatrixUser(string UserId, string AccessToken, string DeviceId);
