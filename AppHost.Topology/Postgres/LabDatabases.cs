namespace MatrixRtcLab.Topology.Postgres;

/// <summary>The lab's PostgreSQL databases (one server, superuser <see cref="User"/>).</summary>
public static class LabDatabases
{
    public const string User = "postgres";
    public const string Synapse = "synapse";
    public const string Mas = "mas";

    /// <summary>
    /// Synapse refuses a database whose collation is not C ("Database has incorrect collation"),
    /// and Aspire's AddDatabase issues a plain CREATE DATABASE, so the lab replaces it with this.
    /// </summary>
    public static string SynapseCreationScript(string databaseName = Synapse) =>
        $"CREATE DATABASE {QuoteIdentifier(databaseName)} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;";

    /// <summary>Both databases, one statement a line: what a local server runs once after initdb.</summary>
    public static string CreationScript() => $"{SynapseCreationScript()}\nCREATE DATABASE {QuoteIdentifier(Mas)};\n";

    public static string MasConnectionUri(string host, int port, string password) =>
        $"postgresql://{User}:{Uri.EscapeDataString(password)}@{host}:{port}/{Mas}";

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
