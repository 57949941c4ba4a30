namespace MatrixRtc.AuthService.IntegrationTests.Synapse;

/// <summary>homeserver.yaml's <c>database</c> section for SQLite.</summary>
public sealed record SqliteDatabase(string Name, SqliteDatabaseArgs Args);
