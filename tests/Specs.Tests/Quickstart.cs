namespace Orchestrator.Specs.Tests;

/// <summary>The contract's example spec, as a YAML string shared by the tests.</summary>
internal static class Quickstart
{
    /// <summary>The spec's fingerprint and first cell id, as they have been since the first release.</summary>
    public const string Fingerprint = "e6f17d5bf70755995a14039a29047cc7290d2c85f27859175395a75dcda151a2";
    public const string FirstCellId = "99a608cc9f6cb418";

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
