namespace Orchestrator.Numerics.RandomFeatures;

/// <summary>How the training signal is formed: the exact population gradient, a fixed sample, or fresh minibatches.</summary>
public enum DataRegimeKind { Population, Finite, Online }

/// <summary>
/// <c>population</c> (exact gradient), <c>finite:D</c> (D samples drawn once, full batch) or <c>online:B</c>
/// (a fresh minibatch of B samples each step). <see cref="Samples"/> is D or B, and 0 for population.
/// </summary>
public readonly record struct DataRegime(DataRegimeKind Kind, int Samples)
{
    public static DataRegime Population => new(DataRegimeKind.Population, 0);

    public override string ToString() => Kind switch
    {
        DataRegimeKind.Population => "population",
        DataRegimeKind.Finite => $"finite:{Samples}",
        _ => $"online:{Samples}",
    };
}
