using System.Globalization;
using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>Markdown tables of a comparison: spend against the full grid, widths reached, and coverage of the true α.</summary>
internal static class ComparisonReport
{
    public static void Print(IReadOnlyList<ReplicateResult> results, IReadOnlyList<SeriesKey> series, Func<SeriesKey, double> truth)
    {
        Console.WriteLine("| policy | core-s per replicate (mean) | core-s / full grid, all replicates | median replicate | replicates ≤ 0.40 | final width ≤ full grid's | final width ≤ target | coverage of true α (95% t-interval) | median width / full grid's | units run (mean) | stops |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Row("full grid", r => r.FullGrid);
        Row("uncertainty", r => r.Adaptive);
        Row("random order", r => r.Random);
        Console.WriteLine();
        Console.WriteLine("| series | true α | full grid coverage | uncertainty coverage | random coverage | uncertainty units (median) | uncertainty width / full grid's (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var key in series)
        {
            double alpha = truth(key);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {key.Optimizer} s={key.Spectrum:R} | {alpha:F4} | {Coverage(results.Select(r => r.FullGrid.SeriesOf(key)), alpha)} | {Coverage(results.Select(r => r.Adaptive.SeriesOf(key)), alpha)} | {Coverage(results.Select(r => r.Random.SeriesOf(key)), alpha)} | {Median(results.Select(r => (double)r.Adaptive.SeriesOf(key).UnitsRun)):F0} | {Median(results.Select(r => Width(r.Adaptive.SeriesOf(key)) / Width(r.FullGrid.SeriesOf(key)))):F2} |"));
        }

        double exploreShare = results.Sum(r => r.Adaptive.ExploreSeconds) / results.Sum(r => r.Adaptive.CoreSeconds);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Uncertainty policy: {100 * exploreShare:F1}% of its core-seconds on space-filling units; median target {Median(results.Select(r => r.Target)):G3}."));
        if (results.Any(r => r.FullGrid.Builds > 0))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Problem builds per replicate (mean; distinct problems in brackets): full grid {Builds(r => r.FullGrid)}, uncertainty {Builds(r => r.Adaptive)}, random order {Builds(r => r.Random)}."));
        }

        string Builds(Func<ReplicateResult, PolicyRun> pick) => string.Create(CultureInfo.InvariantCulture,
            $"{results.Average(r => pick(r).Builds):F1} ({results.Average(r => pick(r).Problems):F1})");

        void Row(string name, Func<ReplicateResult, PolicyRun> pick)
        {
            var runs = results.Select(pick).ToList();
            var ratios = results.Select(r => pick(r).CoreSeconds / r.FullGrid.CoreSeconds).ToList();
            var pairs = results.SelectMany(r => series.Select(k => (Run: pick(r).SeriesOf(k), Full: r.FullGrid.SeriesOf(k), Target: r.TargetOf(k)))).ToList();
            int atMostFull = pairs.Count(p => Width(p.Run) <= Width(p.Full));
            int atMostTarget = pairs.Count(p => Width(p.Run) <= p.Target);
            var covered = results.SelectMany(r => series.Select(k => Covers(pick(r).SeriesOf(k), truth(k)))).ToList();
            string stops = string.Join(", ", runs.GroupBy(r => r.Stop?.ToString() ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {runs.Average(r => r.CoreSeconds):G4} | {runs.Sum(r => r.CoreSeconds) / results.Sum(r => r.FullGrid.CoreSeconds):F3} | {Median(ratios):F3} | {Fraction(ratios.Count(x => x <= 0.40), ratios.Count)} | {Fraction(atMostFull, pairs.Count)} | {Fraction(atMostTarget, pairs.Count)} | {Fraction(covered.Count(c => c), covered.Count)} | {Median(pairs.Select(p => Width(p.Run) / Width(p.Full))):F3} | {runs.Average(r => r.UnitsRun):F0} | {stops} |"));
        }
    }

    private static double Width(SimulatedSeries series) => series.Fit?.Width ?? double.PositiveInfinity;

    private static bool Covers(SimulatedSeries series, double alpha) => series.Fit is { } fit && fit.Low <= alpha && alpha <= fit.High;

    private static string Coverage(IEnumerable<SimulatedSeries> runs, double alpha)
    {
        var list = runs.ToList();
        return Fraction(list.Count(s => Covers(s, alpha)), list.Count);
    }

    private static string Fraction(int count, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / total:F1}% ({count}/{total})");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
