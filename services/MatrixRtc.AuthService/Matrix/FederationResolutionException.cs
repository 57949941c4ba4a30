namespace MatrixRtc.AuthService.Matrix;

/// <summary>A server name that cannot be resolved to a federation endpoint.</summary>
public sealed class FederationResolutionException(string message) : Exception(message);
