using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// The four axes every sweep has (<c>grid.optimizer</c>, <c>grid.spectrum</c>, <c>grid.size</c>, <c>grid.seed</c>),
/// with their readers and ranges.
/// </summary>
public static class CoreAxes
{
    public const string OptimizerKey = "optimizer";
    public const string SpectrumKey = "spectrum";
    public const string SizeKey = "size";
    public const string SeedKey = "seed";

    /// <summary>Largest model size any experiment accepts; experiments may bound it further.</summary>
    public const int MaxSize = 65_536;
    public const double MaxSpectrum = 10;

    /// <summary>The axis keys, in cell-expansion order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [OptimizerKey, SpectrumKey, SizeKey, SeedKey];

    /// <summary>
    /// Reads an optimizer name of <paramref name="experiment"/>; with no (known) experiment, any label (the
    /// experiment's own error is reported elsewhere).
    /// </summary>
    public static Func<string, ScalarOutcome> OptimizerOf(IExperimentModule? experiment) =>
        experiment is null ? OptimizerName.Label : experiment.ReadOptimizer;

    public static Func<string, ScalarOutcome> Spectrum { get; } =
        ScalarReaders.Real(Interval.OpenClosed(0, MaxSpectrum));

    public static Func<string, ScalarOutcome> Size { get; } = ScalarReaders.Integer(1, MaxSize);

    public static Func<string, ScalarOutcome> Seed { get; } = ScalarReaders.Integer(0, int.MaxValue);
}
