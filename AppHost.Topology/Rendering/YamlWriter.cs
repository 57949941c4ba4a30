using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MatrixRtcLab.Topology.Rendering;

/// <summary>Serializes the typed config models: snake_case keys, nulls left out.</summary>
public static class YamlWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    public static string Serialize(object model) => Serializer.Serialize(model);
}
