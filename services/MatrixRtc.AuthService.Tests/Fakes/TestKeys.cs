namespace MatrixRtc.AuthService.Tests.Fakes;

/// <summary>LiveKit API credentials used only by the tests' fake SFU.</summary>
public static class TestKeys
{
    public const string Key = "test-api-key";
    public const string Secret = "test-api-secret-not-used-anywhere-else";
}
