using YamlDotNet.RepresentationModel;

namespace Orchestrator.Deploy.Tests;

/// <summary>Reading YAML documents as a compose or Kubernetes tool would: aliases resolved, merge keys (<c>&lt;&lt;</c>) applied.</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string relativePath)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repository.Read(relativePath)));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    public static YamlMappingNode Document(string relativePath) => Assert.Single(Documents(relativePath));

    /// <summary>The entries of a mapping, with those merged in through <c>&lt;&lt;</c> (its own entries win).</summary>
    public static IReadOnlyDictionary<string, YamlNode> Entries(YamlNode node)
    {
        var entries = new Dictionary<string, YamlNode>();
        var mapping = Assert.IsType<YamlMappingNode>(node);
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            foreach (var (key, value) in Entries(merged))
            {
                entries[key] = value;
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                entries[name] = value;
            }
        }

        return entries;
    }

    public static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) =>
            Entries(current).TryGetValue(key, out var next) ? next : throw new KeyNotFoundException($"{key} (of {string.Join(".", path)})"));

    public static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value!;

    public static IReadOnlyList<YamlNode> Items(YamlNode node) => Assert.IsType<YamlSequenceNode>(node).Children.ToList();

    /// <summary>A container's environment: compose's mapping form, or Kubernetes' list of <c>name</c>/<c>value</c>.</summary>
    public static IReadOnlyDictionary<string, YamlNode> Environment(YamlNode node) => node switch
    {
        YamlSequenceNode list => list.Children.ToDictionary(e => Text(At(e, "name")), e => e),
        _ => Entries(node),
    };
}
