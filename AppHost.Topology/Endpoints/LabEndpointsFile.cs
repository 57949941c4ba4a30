using System.Text.Json;
using System.Text.Json.Serialization;

namespace MatrixRtcLab.Topology.Endpoints;

/// <summary>Reads and writes <see cref="LabEndpoints"/> as JSON.</summary>
public static class LabEndpointsFile
{
    /// <summary>Environment variable naming the file; wins over <see cref="DefaultPath"/>.</summary>
    public const string PathVariable = "MATRIXRTC_LAB_ENDPOINTS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const string FileName = "endpoints.json";

    /// <summary><c>.lab/endpoints.json</c> under the repository root.</summary>
    public static string DefaultPath(string repositoryRoot) => Path.Combine(repositoryRoot, ".lab", FileName);

    /// <summary>The path in <see cref="PathVariable"/> if set, else <see cref="FileName"/> in the lab's state folder.</summary>
    public static string ResolvePath(string stateDirectory) =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : Path.Combine(stateDirectory, FileName);

    public static void Write(string path, LabEndpoints endpoints)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(endpoints, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <exception cref="InvalidDataException">The file is not a valid endpoints document.</exception>
    public static LabEndpoints Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<LabEndpoints>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid lab endpoints file: {e.Message}", e);
        }
    }
}
