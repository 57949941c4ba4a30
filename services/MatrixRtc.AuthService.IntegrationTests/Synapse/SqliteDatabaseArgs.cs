namespace MatrixRtc.AuthService.IntegrationTests.Synapse;

/// <summary>The <c>args</c> of the SQLite database section: the database file.</summary>
public sealed record SqliteDatabaseArgs(string Database);
