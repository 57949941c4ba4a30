using System.Text.Json;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;
using YamlDotNet.RepresentationModel;

namespace MatrixRtcLab.Topology.Tests.Support;

/// <summary>A lab rendered into a temporary folder; every accessor parses a generated file back.</summary>
public sealed class RenderedLab : IDisposable
{
    private readonly TemporaryDirectory root = new();

    public RenderedLab(LabOptions? options = null, string? stateDirectory = null)
    {
        StateDirectory = stateDirectory ?? Path.Combine(root.Path, "state");
        OutputDirectory = Path.Combine(root.Path, "out");
        Files = LabRenderer.Render(LabModel.Load(StateDirectory, options), OutputDirectory);
    }

    public string StateDirectory { get; }
    public string OutputDirectory { get; }
    public IReadOnlyList<string> Files { get; }

    public YamlMappingNode Synapse => Yaml("synapse/conf/homeserver.yaml");
    public YamlMappingNode Mas => Yaml("mas/etc/mas/config.yaml");
    public YamlMappingNode LiveKit => Yaml("livekit/etc/livekit/livekit.yaml");
    public JsonElement ElementWeb => Json("element-web/app/config.json");
    public JsonElement EmbeddedElementCall => Json("element-web/app/widgets/element-call/config.json");
    public JsonElement Description => Json(LabRenderer.DescriptionFileName);
    public string NextcloudHookPath => Path.Combine(OutputDirectory, "nextcloud/docker-entrypoint-hooks.d/before-starting/10-matrixrtc-lab.sh");

    public IReadOnlyDictionary<string, string> AuthServiceEnvironment =>
        File.ReadAllLines(Path.Combine(OutputDirectory, LabRenderer.AuthServiceEnvironmentPath))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    public JsonElement Container(string name) =>
        Description.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public YamlMappingNode Yaml(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(OutputDirectory, relativePath));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public JsonElement Json(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, relativePath)));
        return document.RootElement.Clone();
    }

    public void Dispose() => root.Dispose();
}
