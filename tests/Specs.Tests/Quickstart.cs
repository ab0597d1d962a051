namespace Orchestrator.Specs.Tests;

/// <summary>The contract's example spec, as a YAML string shared by the tests.</summary>
internal static class Quickstart
{
    public const string Yaml = """
        name: quickstart
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0, 1.5]
          size: [32, 64, 128, 256, 512]
          seed: [0, 1]
        settings:
          latent_dim: 2048
          steps: 200
          lr: auto
          data: population
        fit:
          baseline: gd
          bootstrap: 1000
        """;

    /// <summary>The quickstart with one piece of text replaced (the piece must occur).</summary>
    public static string With(string find, string replacement)
    {
        Assert.Contains(find, Yaml);
        return Yaml.Replace(find, replacement);
    }

    /// <summary>The errors of a spec that must be refused.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var result = SpecParser.Parse(yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        Assert.NotEmpty(result.Errors);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    public static SweepSpec Parse(string yaml = Yaml)
    {
        var result = SpecParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }
}
