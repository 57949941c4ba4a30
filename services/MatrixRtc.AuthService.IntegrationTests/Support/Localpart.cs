namespace MatrixRtc.AuthService.IntegrationTests.Support;

/// <summary>Fresh user names, so tests sharing one Synapse never meet.</summary>
public static class Localpart
{
    public static string New(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];
}
