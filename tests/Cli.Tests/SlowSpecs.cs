namespace Orchestrator.Cli.Tests;

/// <summary>Specs for the workflow tests: one quick enough to finish in seconds, one whose cells run for minutes.</summary>
public static class SlowSpecs
{
    /// <summary>16 small cells: two optimizers, two spectra, four sizes, two seeds; finishes in seconds.</summary>
    public static string Small(string name) => $"""
        name: {name}
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0, 1.5]
          size: [16, 32, 64, 128]
          seed: [0, 1]
        settings:
          latent_dim: 512
          steps: 60
          lr: auto
        fit:
          baseline: gd
          bootstrap: 200
        """;

    /// <summary>Cells of a million steps each: none finishes while a test looks at it.</summary>
    public static string Endless(string name) => $"""
        name: {name}
        experiment: random-features
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [256, 512]
          seed: [0, 1, 2]
        settings:
          latent_dim: 1024
          steps: 1000000
          lr: auto
        """;
}
