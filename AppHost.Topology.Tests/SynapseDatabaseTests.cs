using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Tests.Support;
using Npgsql;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>The Synapse database creation script, run against a real PostgreSQL server.</summary>
public sealed class SynapseDatabaseTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Creation_script_gives_Synapse_the_C_collation_it_requires()
    {
        if (server.Missing is { } missing)
        {
            Assert.Skip($"Needs {missing}.");
        }

        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand(LabDatabases.SynapseCreationScript("synapse_lab_test"), connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var plain = new NpgsqlCommand("CREATE DATABASE plain_default", connection))
        {
            await plain.ExecuteNonQueryAsync(ct);
        }

        Assert.Equal(("UTF8", "C", "C"), await Locale(connection, "synapse_lab_test", ct));
        // What Aspire's plain CREATE DATABASE would give: Synapse refuses it.
        Assert.NotEqual("C", (await Locale(connection, "plain_default", ct)).Collate);
    }

    [Fact]
    public async Task Creation_script_quotes_the_database_name()
    {
        if (server.Missing is { } missing)
        {
            Assert.Skip($"Needs {missing}.");
        }

        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand(LabDatabases.SynapseCreationScript("Odd \"Name\""), connection);
        await create.ExecuteNonQueryAsync(ct);

        Assert.Equal("C", (await Locale(connection, "Odd \"Name\"", ct)).Collate);
    }

    private static async Task<(string Encoding, string Collate, string CType)> Locale(NpgsqlConnection connection, string database, CancellationToken ct)
    {
        await using var query = new NpgsqlCommand(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = $1", connection);
        query.Parameters.AddWithValue(database);
        await using var reader = await query.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct), $"database {database} was not created");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }
}
