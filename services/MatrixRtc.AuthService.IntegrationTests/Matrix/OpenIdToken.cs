namespace MatrixRtc.AuthService.IntegrationTests.Matrix;

/// <summary>What <c>/openid/request_token</c> returns: the token a MatrixRTC client hands to the auth service.</summary>
public sealed record OpenIdToken(string AccessToken, string MatrixServerName);
