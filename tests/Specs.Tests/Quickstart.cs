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

    public static SweepSpec Parse(string yaml = Yaml)
    {
        var result = SpecParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }
}
