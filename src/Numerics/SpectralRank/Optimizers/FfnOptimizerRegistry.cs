using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>The optimizers of the <c>ffn-spectral-rank</c> experiment, by spec name.</summary>
public static class FfnOptimizerRegistry
{
    public const string AdamW = "adamw";
    public const string Muon = "muon";
    public const string Sgd = "sgd";

    /// <summary>Registered names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [AdamW, Muon, Sgd];

    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>The update of one rows×cols weight matrix under optimizer <paramref name="name"/>.</summary>
    public static IMatrixUpdate Create(string name, int rows, int cols, FfnOptimizerSettings settings, IDenseLinearAlgebra algebra) =>
        name switch
        {
            AdamW => new AdamWUpdate(rows * cols, settings),
            Muon => new MuonUpdate(rows, cols, settings, algebra),
            Sgd => new SgdUpdate(rows * cols, settings),
            _ => throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
}
