using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Fitting;

namespace Orchestrator.Telemetry.Tests;

/// <summary>Small fit results, with only the fields under test set, for publishing through <c>FitGauges</c>.</summary>
public static class FitResults
{
    /// <summary>A series fit with α in [<paramref name="low"/>, <paramref name="high"/>] and nothing else known.</summary>
    public static SeriesFit Series(string optimizer, double spectrum, string law, double? alpha, double? low = null, double? high = null) => new()
    {
        Optimizer = optimizer,
        Spectrum = spectrum,
        Law = law,
        Alpha = alpha,
        AlphaCiLow = low,
        AlphaCiHigh = high,
        SizeCount = 5,
        CellCount = 20,
        Flags = [],
    };

    public static RankFit Rank(string optimizer, double spectrum, string bucket, string kind, double beta, double low, double high) => new()
    {
        Optimizer = optimizer,
        Spectrum = spectrum,
        Bucket = bucket,
        Kind = kind,
        Beta = beta,
        BetaCiLow = low,
        BetaCiHigh = high,
        SizeCount = 5,
        CellCount = 20,
        Baseline = "sgd",
        Flags = [],
    };

    /// <summary>A coefficient shift at a shared exponent with nothing but its labels known.</summary>
    public static CoefficientShift Shift(string optimizer, string baseline, double spectrum, string law) => new()
    {
        Optimizer = optimizer,
        Baseline = baseline,
        Spectrum = spectrum,
        Law = law,
        AlphaSource = ExponentSources.Shared,
        Verdict = SharedExponentVerdicts.Shared,
    };

    public static SweepAnalysis Analysis(params SeriesFit[] fits) => SweepAnalysis.Empty with { Fits = fits };
}
