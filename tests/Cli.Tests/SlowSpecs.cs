namespace Orchestrator.Cli.Tests;

/// <summary>Specs for the workflow tests: one quick enough to finish in seconds, one whose cells run for minutes.</summary>
public static class SlowSpecs
{
    /// <summary>32 small cells: two optimizers, two spectra, four sizes, two seeds; finishes in seconds.</summary>
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

    /// <summary>
    /// Cells of ten million Adam steps (each O(N²): Adam works in the feature basis) at N ≥ 512: each would run for
    /// hours, so none finishes while a test looks.
    /// </summary>
    public static string Endless(string name) => $"""
        name: {name}
        experiment: random-features
        grid:
          optimizer: [adam]
          spectrum: [1.0]
          size: [512, 1024]
          seed: [0, 1, 2]
        settings:
          latent_dim: 1024
          steps: 10000000
        optimizers:
          adam:
            lr: 0.01
        """;
}
