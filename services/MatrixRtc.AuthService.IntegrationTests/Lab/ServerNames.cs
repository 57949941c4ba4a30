namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>The Matrix server names the tests use.</summary>
public static class ServerNames
{
    /// <summary>The <c>server_name</c> of the Synapse under test.</summary>
    public const string Synapse = "integration.test";

    /// <summary>
    /// Another server name that the service reaches, by its federation override, at the same Synapse: Synapse
    /// accepts tokens presented in its name but names users of <see cref="Synapse"/>.
    /// </summary>
    public const string Impostor = "impostor.test";

    /// <summary>A homeserver nobody here belongs to: as the only full-access server it makes every caller restricted.</summary>
    public const string SomeoneElse = "someone-else.invalid";
}
