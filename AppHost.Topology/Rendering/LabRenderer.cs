using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Postgres;
using MatrixRtcLab.Topology.Synapse;

namespace MatrixRtcLab.Topology.Rendering;

/// <summary>
/// Writes the whole lab into a folder: each container's generated files under
/// <c>&lt;container&gt;/&lt;path in the container&gt;</c>, plus the auth service's environment, the
/// Synapse database script, the well-knowns, <c>containers.json</c> and <c>endpoints.json</c>.
/// </summary>
public static class LabRenderer
{
    public const string DescriptionFileName = "containers.json";
    public const string EndpointsFileName = "endpoints.json";
    public const string AuthServiceEnvironmentPath = "auth-service/auth-service.env";
    public const string SynapseDatabaseScriptPath = "postgres/create-synapse-db.sql";
    public const string WellKnownClientPath = "well-known/matrix/client";
    public const string WellKnownServerPath = "well-known/matrix/server";

    /// <returns>The written files, relative to <paramref name="outputDirectory"/>.</returns>
    public static IReadOnlyList<string> Render(LabModel lab, string outputDirectory)
    {
        var written = new List<string>();

        void Write(string relativePath, string contents)
        {
            var path = Path.Combine(outputDirectory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, contents);
            written.Add(relativePath);
        }

        foreach (var container in lab.Containers)
        {
            foreach (var file in container.Files)
            {
                Write($"{container.Name}/{file.ContainerPath.TrimStart('/')}", file.Contents);
            }
        }

        Write(AuthServiceEnvironmentPath, string.Concat(lab.AuthServiceEnvironment.Select(e => $"{e.Key}={e.Value}\n")));
        Write(SynapseDatabaseScriptPath, LabDatabases.SynapseCreationScript() + "\n");
        Write(WellKnownClientPath, JsonWriter.Serialize(WellKnown.Client(lab.Topology)));
        Write(WellKnownServerPath, JsonWriter.Serialize(WellKnown.Server(lab.Options)));
        Write(DescriptionFileName, JsonWriter.Serialize(LabDescription.Create(lab)));

        LabEndpointsFile.Write(Path.Combine(outputDirectory, EndpointsFileName), lab.Endpoints);
        written.Add(EndpointsFileName);
        return written;
    }
}
