using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>
/// One replicate at G seeds per size: both scenarios' data, the three resampling schemes on both optimizers (the
/// union resamplers draw the same seeds for both, so one run serves a series' own interval and the paired shift),
/// the studentized intervals of the baseline, and what the product reports for the same data.
/// </summary>
internal sealed class ReplicateRunner(int seedsPerSize, int resamples)
{
    private const ulong WildSalt = 0x57A7_1D0B_0075_7A9BUL;
    private const int SaturatingScenario = 0, PowerScenario = 1;

    private readonly FitOptions _options = new() { BootstrapResamples = resamples };

    public IEnumerable<(QuantitySamples Quantity, Interval[] Intervals)> Run(int replicate)
    {
        foreach (var q in Saturating(replicate).Concat(Power(replicate)))
        {
            yield return (q.Samples, Candidates.For(q.Samples, q.DegreesOfFreedom, seedsPerSize, CoverageDesign.Level));
        }
    }

    private IEnumerable<(QuantitySamples Samples, int DegreesOfFreedom)> Saturating(int replicate)
    {
        var laws = CoverageDesign.Saturating;
        var pair = Pair(laws, SaturatingScenario, replicate);
        var fit = pair.ProductFits.Single(f => f.Law == LawNames.Saturating);
        var estimate = pair.Baseline.Saturating;
        var alpha = Quantity("saturating α", laws.Baseline.Alpha, estimate.Alpha, pair, f => f.SaturatingAlpha,
            pair.Studentized.SaturatingAlpha, Interval.From(fit.AlphaCiLow, fit.AlphaCiHigh));
        yield return (alpha, pair.DegreesOfFreedom);
        // The same intervals split by whether the fit put E on its bound 0 (the product flags it).
        bool eAtBound = fit.Flags.Contains(FitFlags.EAtBound);
        yield return (alpha with { Name = eAtBound ? "saturating α, replicates fitted with E at 0" : "saturating α, replicates fitted with E > 0" }, pair.DegreesOfFreedom);
        yield return (Quantity("saturating E", laws.Baseline.E, estimate.E, pair, f => f.SaturatingE,
            pair.Studentized.SaturatingE, Interval.From(fit.ECiLow, fit.ECiHigh)), pair.DegreesOfFreedom);
        yield return (Quantity("saturating A", laws.Baseline.A, estimate.A, pair, f => f.SaturatingA,
            pair.Studentized.SaturatingA, Interval.From(fit.ACiLow, fit.ACiHigh)), pair.DegreesOfFreedom);
        yield return (Shift("saturating shift (α 0.45 − 0.3)", laws, pair, pair.Other.Saturating.Alpha - estimate.Alpha,
            f => f.SaturatingAlpha, LawNames.Saturating), pair.DegreesOfFreedom);
    }

    private IEnumerable<(QuantitySamples Samples, int DegreesOfFreedom)> Power(int replicate)
    {
        var laws = CoverageDesign.Power;
        var pair = Pair(laws, PowerScenario, replicate);
        var fit = pair.ProductFits.Single(f => f.Law == LawNames.Power);
        var estimate = pair.Baseline.Power;
        yield return (Quantity("power α, bootstrap", laws.Baseline.Alpha, estimate.Alpha, pair, f => f.PowerAlpha,
            pair.Studentized.PowerAlpha, Interval.From(fit.AlphaBootCiLow, fit.AlphaBootCiHigh)), pair.DegreesOfFreedom);
        yield return (new QuantitySamples("power α, t-interval (primary)", laws.Baseline.Alpha, estimate.Alpha,
            null, null, null, Interval.Undefined, Interval.From(fit.AlphaCiLow, fit.AlphaCiHigh)), pair.DegreesOfFreedom);
        yield return (Quantity("power A", laws.Baseline.A, estimate.Coefficient, pair, f => f.PowerCoefficient,
            pair.Studentized.PowerA, Interval.From(fit.ACiLow, fit.ACiHigh)), pair.DegreesOfFreedom);
        yield return (Shift("power shift (α 0.45 − 0.3)", laws, pair, pair.Other.Power.Alpha - estimate.Alpha,
            f => f.PowerAlpha, LawNames.Power), pair.DegreesOfFreedom);
    }

    private static QuantitySamples Quantity(string name, double truth, double estimate, PairedRun pair,
        Func<ResampledFits, double[]> values, Interval studentized, Interval product)
    {
        var runs = pair.Baseline;
        var rescaled = values(runs.Rescaled);
        return new(name, truth, estimate, values(runs.Plain), rescaled, values(runs.Wild), studentized, product,
            CommonVarianceDegreesOfFreedom.Of(rescaled, runs.Rescaled, pair.SeedCounts),
            SatterthwaiteDegreesOfFreedom.Of(rescaled, [runs.Rescaled.Deviations], pair.SeedCounts));
    }

    /// <summary>The shift α_other − α_baseline: resample b's shift is the difference of the two series' resample b.</summary>
    private static QuantitySamples Shift(string name, (TrueLaw Baseline, TrueLaw Other) laws, PairedRun pair, double estimate,
        Func<ResampledFits, double[]> alpha, string law)
    {
        double[] Difference(Func<SeriesRuns, ResampledFits> scheme) =>
            alpha(scheme(pair.Other)).Zip(alpha(scheme(pair.Baseline)), (x, y) => x - y).ToArray();

        var product = pair.ProductShifts.Single(s => s.Law == law);
        var rescaled = Difference(r => r.Rescaled);
        return new QuantitySamples(name, laws.Other.Alpha - laws.Baseline.Alpha, estimate,
            Difference(r => r.Plain), rescaled, Difference(r => r.Wild),
            Interval.Undefined, Interval.From(product.ShiftCiLow, product.ShiftCiHigh),
            ResampleNu: SatterthwaiteDegreesOfFreedom.Of(rescaled, [pair.Other.Rescaled.Deviations, pair.Baseline.Rescaled.Deviations], pair.SeedCounts));
    }

    private PairedRun Pair((TrueLaw Baseline, TrueLaw Other) laws, int scenario, int replicate)
    {
        var baselineData = SyntheticReplicate.Observations(laws.Baseline, scenario, seedsPerSize, replicate);
        var otherData = SyntheticReplicate.Observations(laws.Other, scenario, seedsPerSize, replicate);
        var baseline = SeriesData.Build(laws.Baseline.Optimizer, CoverageDesign.Spectrum, baselineData);
        var other = SeriesData.Build(laws.Other.Optimizer, CoverageDesign.Spectrum, otherData);
        ulong seed = _options.BootstrapSeed;
        var plain = ClusterResampler.ForUnion([baseline, other], seed, rescaled: false);
        var rescaled = ClusterResampler.ForUnion([baseline, other], seed, rescaled: true);
        var wild = new WildResampler(plain.Sizes, seed ^ WildSalt);
        var baselineRuns = SeriesRuns.Of(baseline, plain, rescaled, wild, _options);
        var otherRuns = SeriesRuns.Of(other, plain, rescaled, wild, _options);

        var byOptimizer = new Dictionary<string, IReadOnlyList<Observation>>
        {
            [laws.Baseline.Optimizer] = baselineData,
            [laws.Other.Optimizer] = otherData,
        };
        return new PairedRun(
            baselineRuns,
            otherRuns,
            StudentizedBootstrap.Run(baseline, plain, baselineRuns.Plain, baselineRuns.Power, baselineRuns.Saturating, CoverageDesign.Level),
            ScalingLawAnalysis.FitSeries(laws.Baseline.Optimizer, CoverageDesign.Spectrum, baselineData, _options),
            ScalingLawAnalysis.CompareAtSpectrum(CoverageDesign.Spectrum, byOptimizer, _options).Shifts,
            plain.DegreesOfFreedom,
            plain.SeedCounts);
    }

    private sealed record PairedRun(SeriesRuns Baseline, SeriesRuns Other, StudentizedBootstrap Studentized,
        IReadOnlyList<SeriesFit> ProductFits, IReadOnlyList<AlphaShift> ProductShifts, int DegreesOfFreedom, int[] SeedCounts);
}
