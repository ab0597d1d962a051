using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Measurement;

namespace Orchestrator.Numerics.SpectralRank.Fitting;

/// <summary>
/// Fits rank = A·D^β per optimizer × Zipf exponent × bucket × rank kind with the scaling-law library: the rank is
/// handed to it as the "loss" 1/rank = A⁻¹·D^(−β), so its power-law exponent α is β exactly, its t-interval and
/// cluster bootstrap are β's, and its paired exponent ratio against the baseline is β/β_baseline. A pure function of
/// its cells and options.
/// </summary>
/// <remarks>
/// With a learning-rate axis, each (optimizer, exponent, width, seed) contributes the cell with the lowest final loss
/// (ties to the smaller rate) — the learning rate is tuned on the loss, never on the rank. Diverged cells, and cells
/// without the measurement, are left out and counted by the flags.
/// </remarks>
public static class RankScalingAnalysis
{
    /// <summary>Every fit, ordered by exponent, bucket (head, mid, tail, all), kind (soft, hard), then optimizer.</summary>
    public static IReadOnlyList<RankFit> Analyze(IEnumerable<FinishedCell> cells, FitOptions options)
    {
        var chosen = BestPerSeed(cells);
        var rankOptions = options with { Steps = null };
        var fits = new List<RankFit>();
        foreach (var bucket in TokenBuckets.Reported.Select(MeasurementNames.Of))
        {
            foreach (var kind in MeasurementNames.RankKinds)
            {
                var name = MeasurementNames.Rank(kind, bucket);
                var observations = chosen.Select(c => InverseRank(c, name)).ToList();
                if (!chosen.Any(c => c.Measurements.ContainsKey(name)))
                {
                    continue;
                }

                var analysis = ScalingLawAnalysis.Analyze(observations, rankOptions);
                var ratios = analysis.Shifts.Where(s => s.Law == LawNames.Power)
                    .ToDictionary(s => (s.Optimizer, s.Spectrum));
                fits.AddRange(analysis.Fits.Where(f => f.Law == LawNames.Power)
                    .Select(f => ToRankFit(f, bucket, kind, options.Baseline, ratios.GetValueOrDefault((f.Optimizer, f.Spectrum)))));
            }
        }

        return fits
            .OrderBy(f => f.Spectrum)
            .ThenBy(f => BucketOrder(f.Bucket))
            .ThenBy(f => MeasurementNames.RankKinds.ToList().IndexOf(f.Kind))
            .ThenBy(f => f.Optimizer, StringComparer.Ordinal)
            .ToList();
    }

    private static int BucketOrder(string bucket) =>
        TokenBuckets.Reported.Select(MeasurementNames.Of).ToList().IndexOf(bucket);

    private static Observation InverseRank(FinishedCell cell, string name) =>
        !cell.Diverged && cell.Measurements.TryGetValue(name, out var rank) && rank > 0 && double.IsFinite(rank)
            ? new Observation(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed, 1.0 / rank, false)
            : new Observation(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed, double.NaN, true);

    private static RankFit ToRankFit(SeriesFit fit, string bucket, string kind, string baseline, AlphaShift? ratio)
    {
        var isBaseline = fit.Optimizer == baseline;
        return new RankFit
        {
            Optimizer = fit.Optimizer,
            Spectrum = fit.Spectrum,
            Bucket = bucket,
            Kind = kind,
            Beta = fit.Alpha,
            BetaCiLow = fit.AlphaCiLow,
            BetaCiHigh = fit.AlphaCiHigh,
            BetaStandardError = fit.AlphaStandardError,
            BetaBootCiLow = fit.AlphaBootCiLow,
            BetaBootCiHigh = fit.AlphaBootCiHigh,
            // The fitted coefficient is that of 1/rank.
            A = fit.A is > 0 ? 1.0 / fit.A : null,
            SizeCount = fit.SizeCount,
            CellCount = fit.CellCount,
            MinSize = fit.MinSize,
            MaxSize = fit.MaxSize,
            Baseline = baseline,
            BetaRatio = isBaseline ? (fit.Alpha is not null ? 1.0 : null) : ratio?.Ratio,
            RatioCiLow = isBaseline ? null : ratio?.RatioCiLow,
            RatioCiHigh = isBaseline ? null : ratio?.RatioCiHigh,
            Flags = fit.Flags,
        };
    }

    /// <summary>Per (optimizer, exponent, width, seed), the usable cell with the lowest final loss, or a diverged one.</summary>
    private static List<FinishedCell> BestPerSeed(IEnumerable<FinishedCell> cells) =>
        cells.GroupBy(c => (c.Optimizer, c.Spectrum, c.Size, c.Seed))
            .Select(g => g.Where(c => !c.Diverged && double.IsFinite(c.FinalLoss))
                    .OrderBy(c => c.FinalLoss)
                    .ThenBy(c => c.LearningRate ?? double.NegativeInfinity)
                    .FirstOrDefault()
                ?? g.First())
            .ToList();
}
