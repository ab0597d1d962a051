using System.Globalization;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// Spends the budget where the exponent is still uncertain. Each choice, in this priority:
/// <list type="number">
/// <item><b>Initial</b>: the <see cref="InitialDesign"/> of every series (two seeds at three spread sizes), and more
/// units for a series that still cannot be fitted;</item>
/// <item><b>Explore</b>: while the committed spend on space-filling units is under
/// <see cref="DesignSettings.ExploreFraction"/> of all committed spend, the size that a series above the target has
/// the fewest units at (usable finished plus running); ties go to the size farthest in ln N from the series' mean,
/// which tests the law's form at the ends of the range, then to the cheaper size;</item>
/// <item><b>Exploit</b>: the unit that most reduces the predicted α interval width of its series (only series still
/// above the target, and not below the target: a reduction past it is worth nothing) per predicted core-second.</item>
/// </list>
/// The prediction: α's variance is σ²/S_xx, so the width after more units is the current width scaled by
/// √(S_xx now / S_xx then) and by the ratio of the t quantiles (n − 2 degrees of freedom); σ² is the series' own
/// residual variance, carried over. Running units and the units chosen earlier in the same decision count as if
/// finished usable, so a decision of several units spreads them. A series above the target with nothing running has
/// a predicted width equal to its width, so it always gets a unit when one is affordable. Within a (series, size) the
/// lowest unchosen seed goes first. Ties in every step go to the lower series index (spectrum, then optimizer), then
/// the smaller size. Pure: no clock, no randomness, no hash-order iteration.
/// </summary>
public sealed class UncertaintyDesignPolicy : DesignPolicy
{
    private protected override Func<(DesignChoice? Choice, DesignStop? Blocked)> Begin(DesignLedger ledger)
    {
        var initial = ledger.Series.Select(InitialDesign.Order).ToArray();
        return () => Next(ledger, initial);
    }

    private static (DesignChoice? Choice, DesignStop? Blocked) Next(DesignLedger ledger, (int[] Order, int BaseCount)[] initial)
    {
        double? target = ledger.Settings.TargetWidth;
        bool unaffordable = false;
        if (Initial(ledger, initial, ref unaffordable) is { } first)
        {
            return (first, null);
        }

        var needy = ledger.Series
            .Where(s => s.PredictedWidth(-1, ledger.Quantiles) is { } w && (target is null || w > target))
            .ToArray();
        double committed = ledger.CommittedSpend;
        if (ledger.ExploreSpend < ledger.Settings.ExploreFraction * committed && Explore(ledger, needy, ref unaffordable) is { } explore)
        {
            return (explore, null);
        }

        if (Exploit(ledger, needy, ref unaffordable) is { } exploit)
        {
            return (exploit, null);
        }

        return (null, unaffordable ? DesignStop.BudgetSpent : DesignStop.CandidatesExhausted);
    }

    private static DesignChoice? Initial(DesignLedger ledger, (int[] Order, int BaseCount)[] initial, ref bool unaffordable)
    {
        double? target = ledger.Settings.TargetWidth;
        (int Rank, int Unit, bool Base)? best = null;
        foreach (var series in ledger.Series)
        {
            if (target is { } t && series.PredictedWidth(-1, ledger.Quantiles) is { } w && w <= t)
            {
                continue;
            }

            var (order, baseCount) = initial[series.Index];
            for (int rank = 0; rank < order.Length; rank++)
            {
                if (rank >= baseCount && series.FittableOnceFinished())
                {
                    break;
                }

                if (!ledger.IsUnchosen(order[rank]))
                {
                    continue;
                }

                if (!ledger.Affordable(order[rank]))
                {
                    unaffordable = true;
                }
                else if (best is null || rank < best.Value.Rank)
                {
                    best = (rank, order[rank], rank < baseCount);
                }

                break;
            }
        }

        if (best is not { } b)
        {
            return null;
        }

        var s = ledger.SeriesOf(b.Unit);
        string why = b.Base
            ? string.Create(CultureInfo.InvariantCulture,
                $"initial design ({InitialDesign.SeedsPerSize} seeds at sizes {string.Join(", ", InitialDesign.SizeIndices(s.Sizes.Length).Select(j => s.Sizes[j]))}, so the series is fitted early)")
            : string.Create(CultureInfo.InvariantCulture,
                $"not yet fittable ({s.Usable.Sum()} usable and {s.PendingTotal} running units; the fit needs 3 at 2 sizes)");
        return new DesignChoice(b.Unit, DesignReason.Initial,
            $"{s.Label}: {why}; {ledger.UnitWords(b.Unit)} for {ledger.CostWords(b.Unit)}");
    }

    private static DesignChoice? Explore(DesignLedger ledger, DesignSeries[] needy, ref bool unaffordable)
    {
        (int Count, double Distance, double Cost, int Unit, DesignSeries Series)? best = null;
        foreach (var series in needy)
        {
            double mean = series.MeanLogSize();
            for (int j = 0; j < series.Sizes.Length; j++)
            {
                int unit = ledger.NextUnchosen(series, j);
                if (unit < 0)
                {
                    continue;
                }

                if (!ledger.Affordable(unit))
                {
                    unaffordable = true;
                    continue;
                }

                var candidate = (Count: series.Count(j), Distance: Math.Abs(series.LogSizes[j] - mean), Cost: ledger.RemainingCost(unit), Unit: unit, Series: series);
                if (best is not { } b
                    || candidate.Count < b.Count
                    || (candidate.Count == b.Count && (candidate.Distance > b.Distance
                        || (candidate.Distance == b.Distance && candidate.Cost < b.Cost))))
                {
                    best = candidate;
                }
            }
        }

        if (best is not { } chosen)
        {
            return null;
        }

        double committed = ledger.CommittedSpend;
        string spend = ledger.Cost.IsAbsolute
            ? string.Create(CultureInfo.InvariantCulture, $"{committed:G3} core-s")
            : "relative spend";
        return new DesignChoice(chosen.Unit, DesignReason.Explore, string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Series.Label}: space-filling share {(committed > 0 ? 100 * ledger.ExploreSpend / committed : 0):F0}% of the committed {spend} is under {100 * ledger.Settings.ExploreFraction:F0}%; size {ledger.Units[chosen.Unit].Size} has {chosen.Count} unit{(chosen.Count == 1 ? "" : "s")}, the fewest of the series' sizes; {ledger.UnitWords(chosen.Unit)} for {ledger.CostWords(chosen.Unit)}"));
    }

    /// <summary>The level of the lack-of-fit test below which a series' exploit units keep to the ends of its size range.</summary>
    public const double LackOfFitLevel = 0.01;

    /// <summary>
    /// True when the series' power law is rejected by its lack-of-fit test and its smallest or largest size still has
    /// a candidate. α then depends on which sizes are measured: between two sizes it is the slope of the chord, so
    /// units at the ends keep α the whole range's, where the cheapest sizes for the interval would give the slope
    /// of a part of it.
    /// </summary>
    private static bool KeepsToTheEnds(DesignLedger ledger, DesignSeries series) =>
        series.Fit?.LackOfFitPValue < LackOfFitLevel
        && (ledger.NextUnchosen(series, 0) >= 0 || ledger.NextUnchosen(series, series.Sizes.Length - 1) >= 0);

    private static DesignChoice? Exploit(DesignLedger ledger, DesignSeries[] needy, ref bool unaffordable)
    {
        double? target = ledger.Settings.TargetWidth;
        (double Score, double Cost, int Unit, DesignSeries Series, double Now, double After)? best = null;
        foreach (var series in needy)
        {
            double now = series.PredictedWidth(-1, ledger.Quantiles)!.Value;
            bool endsOnly = KeepsToTheEnds(ledger, series);
            for (int j = 0; j < series.Sizes.Length; j++)
            {
                if (endsOnly && j != 0 && j != series.Sizes.Length - 1)
                {
                    continue;
                }

                int unit = ledger.NextUnchosen(series, j);
                if (unit < 0)
                {
                    continue;
                }

                if (!ledger.Affordable(unit))
                {
                    unaffordable = true;
                    continue;
                }

                double after = series.PredictedWidth(j, ledger.Quantiles)!.Value;
                double cost = ledger.RemainingCost(unit);
                double score = (now - Math.Max(after, target ?? 0)) / cost;
                if (best is not { } b || score > b.Score || (score == b.Score && cost < b.Cost))
                {
                    best = (score, cost, unit, series, now, after);
                }
            }
        }

        if (best is not { } chosen)
        {
            return null;
        }

        var s = chosen.Series;
        var state = ledger.Settings.TargetWidth is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"α width {s.Fit!.Width:G3} > {t:G3}")
            : string.Create(CultureInfo.InvariantCulture, $"α width {s.Fit!.Width:G3} (no target: the budget ends the sweep)");
        if (KeepsToTheEnds(ledger, s))
        {
            state += string.Create(CultureInfo.InvariantCulture,
                $", the power law's form rejected (lack of fit p = {s.Fit.LackOfFitPValue:G2}) so only the ends of the size range");
        }

        string pending = s.PendingTotal > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {chosen.Now:G3} predicted with {s.PendingTotal} running")
            : "";
        return new DesignChoice(chosen.Unit, DesignReason.Exploit, string.Create(CultureInfo.InvariantCulture,
            $"{s.Label}: {state}{pending}; {ledger.UnitWords(chosen.Unit)} cuts the predicted width to {chosen.After:G3} for {ledger.CostWords(chosen.Unit)}"));
    }
}
