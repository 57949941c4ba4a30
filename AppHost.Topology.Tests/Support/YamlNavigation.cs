using YamlDotNet.RepresentationModel;

namespace MatrixRtcLab.Topology.Tests.Support;

public static class YamlNavigation
{
    /// <summary>Follows mapping keys; fails the test naming the missing key.</summary>
    public static YamlNode At(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.ContainsKey(key), $"missing key '{key}' (path {string.Join('.', path)})");
            node = mapping.Children[key];
        }

        return node;
    }

    public static bool Has(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.ContainsKey(key))
            {
                return false;
            }

            node = mapping.Children[key];
        }

        return true;
    }

    public static string Text(this YamlNode node, params string[] path) =>
        Assert.IsType<YamlScalarNode>(node.At(path)).Value ?? throw new InvalidOperationException("null scalar");

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(node.At(path)).Children.ToList();
}
