namespace MatrixRtc.AuthService.Matrix;

/// <summary>An OpenID token was not validated; answered with 401 M_UNAUTHORIZED.</summary>
public sealed class OpenIdRejectedException(string reason) : Exception(reason);
