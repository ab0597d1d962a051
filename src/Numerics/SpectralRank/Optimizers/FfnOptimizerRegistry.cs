using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// The optimizers of the <c>ffn-spectral-rank</c> experiment, by spec name. Adding an optimizer is one name and one
/// line of <see cref="Create"/>, plus its rule when the shared family (<c>Orchestrator.Numerics.Optimizers</c>) does
/// not have it yet. Every optimizer applies the decoupled weight decay of <see cref="FfnOptimizerSettings.WeightDecay"/>.
/// </summary>
public static class FfnOptimizerRegistry
{
    public const string AdamW = "adamw";
    public const string Muon = "muon";
    public const string Sgd = "sgd";

    /// <summary>Registered names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [AdamW, Muon, Sgd];

    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>The update of one rows×cols weight matrix under optimizer <paramref name="name"/>.</summary>
    public static IParameterUpdate Create(string name, int rows, int cols, FfnOptimizerSettings settings, IDenseLinearAlgebra algebra) =>
        name switch
        {
            AdamW => new AdamUpdate(rows * cols, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay),
            Muon => new MuonUpdate(rows, cols, settings, algebra),
            Sgd => new MomentumUpdate(rows * cols, settings.Momentum, settings.WeightDecay),
            _ => throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
}
