using System.Text.Json;
using System.Text.Json.Serialization;

namespace MatrixRtcLab.Topology.Rendering;

/// <summary>Serializes the typed JSON documents (Element Web config, well-knowns, container descriptions).</summary>
public static class JsonWriter
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T model) => JsonSerializer.Serialize(model, Options) + "\n";
}
