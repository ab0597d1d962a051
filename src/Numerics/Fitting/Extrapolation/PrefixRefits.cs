namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// α against the largest size used: each law refitted on the series' smallest k sizes, for k from one more than the
/// law's minimum (a refit with at least one size to spare beyond its parameters) up to all sizes. Point estimates
/// only; the saturating law's use the same dense grid and polish as the full fit.
/// </summary>
internal static class PrefixRefits
{
    /// <param name="series">The series.</param>
    /// <param name="fullAlpha">The full fit's α, which is the last entry.</param>
    public static IReadOnlyList<AlphaAtMaxSize> Power(SeriesData series, double? fullAlpha)
    {
        var alphas = new List<AlphaAtMaxSize>();
        for (int k = ExtrapolationChecks.PowerMinimumSizes; k < series.Groups.Length; k++)
        {
            alphas.Add(Entry(series, k, PowerLawFitter.Fit(series.Smallest(k))?.Alpha));
        }

        alphas.Add(Entry(series, series.Groups.Length, fullAlpha));
        return alphas;
    }

    /// <param name="series">The series.</param>
    /// <param name="withoutLargest">The point estimate on every size but the largest (the holdout refit), reused.</param>
    /// <param name="fullAlpha">The full fit's α, which is the last entry.</param>
    /// <param name="options">The fit options (α grid).</param>
    public static IReadOnlyList<AlphaAtMaxSize> Saturating(SeriesData series, SaturatingLawEstimate withoutLargest, double? fullAlpha, FitOptions options)
    {
        var alphas = new List<AlphaAtMaxSize>();
        int sizes = series.Groups.Length;
        for (int k = ExtrapolationChecks.SaturatingMinimumSizes; k < sizes; k++)
        {
            var estimate = k == sizes - 1 ? withoutLargest : SeriesFitter.SaturatingPointEstimate(series.Smallest(k), options);
            alphas.Add(Entry(series, k, double.IsFinite(estimate.BetweenSizeObjective) ? estimate.Alpha : null));
        }

        alphas.Add(Entry(series, sizes, fullAlpha));
        return alphas;
    }

    /// <summary>
    /// The <see cref="FitFlags.NotSettled"/> rule: the α without the largest size (the entry before the last) differs
    /// from the full α by more than half the width of the full fit's primary interval. False when any of them is
    /// missing, including when the law has too few sizes for that entry.
    /// </summary>
    public static bool IsNotSettled(IReadOnlyList<AlphaAtMaxSize> alphas, SeriesFit fit) =>
        alphas.Count >= 2
        && alphas[^2].Alpha is { } withoutLargest
        && fit.Alpha is { } full
        && fit.AlphaCiLow is { } low
        && fit.AlphaCiHigh is { } high
        && Math.Abs(withoutLargest - full) > (high - low) / 2;

    private static AlphaAtMaxSize Entry(SeriesData series, int sizeCount, double? alpha) =>
        new() { MaxSize = series.Groups[sizeCount - 1].Size, Alpha = Finite.OrNull(alpha) };
}
