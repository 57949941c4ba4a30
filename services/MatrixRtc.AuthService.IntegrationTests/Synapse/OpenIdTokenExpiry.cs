namespace MatrixRtc.AuthService.IntegrationTests.Synapse;

/// <summary>
/// Makes an OpenID token that Synapse issued expire now, in Synapse's own SQLite database (Synapse
/// issues them for a fixed hour and has no API to revoke them): a Python command run with the
/// Python that runs Synapse, inside its container or its root, so the host needs no SQLite tool.
/// </summary>
public static class OpenIdTokenExpiry
{
    private const int TokenNotFound = 3;

    private static readonly string Script =
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], timeout=30); "
        + "n = db.execute('UPDATE open_id_tokens SET ts_valid_until_ms = 0 WHERE token = ?', (sys.argv[2],)).rowcount; "
        + $"db.commit(); sys.exit(0 if n == 1 else {TokenNotFound})";

    /// <summary>The command line: <c>python3 -c SCRIPT DATABASE TOKEN</c>.</summary>
    public static IList<string> Command(string databasePath, string token) => ["python3", "-c", Script, databasePath, token];

    /// <exception cref="InvalidOperationException">The command did not expire exactly this token.</exception>
    public static void EnsureSucceeded(long? exitCode, string errorOutput)
    {
        if (exitCode != 0)
        {
            var why = exitCode == TokenNotFound ? "no such token in open_id_tokens" : errorOutput;
            throw new InvalidOperationException($"Could not expire the OpenID token in Synapse's database (exit {exitCode}): {why}");
        }
    }
}
