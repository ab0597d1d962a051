using System.Globalization;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// Spends the budget where the exponent is still uncertain, on designs that estimate the α of the whole candidate range.
/// Each choice, in this priority:
/// <list type="number">
/// <item><b>Initial</b>: the <see cref="InitialDesign"/> of every series (two seeds at three spread sizes), and more
/// units for a series that still cannot be fitted;</item>
/// <item><b>Complete</b>: units a series needs before it may stop, whether or not its interval is within the target,
/// the cheapest first: a unit at its largest (or smallest) candidate size while it has none there (<b>Explore</b>), and,
/// while its power law is rejected, units at its sizes with the fewest units chosen until they differ by at most one
/// (<b>Balance</b>);</item>
/// <item><b>Explore</b>: while the committed spend on space-filling units is under
/// <see cref="DesignSettings.ExploreFraction"/> of all committed spend, the size that a series above the target has
/// the fewest units at (usable finished plus running); ties go to the size farthest in ln N from the series' mean,
/// which tests the law's form at the ends of the range, then to the cheaper size;</item>
/// <item><b>Exploit</b>: the unit that most reduces the predicted α interval width of its series (only series still
/// above the target, and not below the target: a reduction past it is worth nothing) per predicted core-second; for a
/// series whose power law is rejected only at its sizes with the fewest units chosen (<b>Balance</b>).</item>
/// </list>
/// <b>The whole range.</b> The α a sweep reports is the slope over the sizes it measured. The full grid measures every
/// candidate size alike; where the series is one power law any sizes give the same slope, but where it bends a design
/// that stops short of the largest size reports the slope of a part of the range, and an interval that misses the full
/// grid's α. So no series stops before it has a unit at both ends of its candidate sizes. <b>Balanced seed rows.</b>
/// Within the range, a design with many cheap small units and a few large ones weights the sizes unequally, which is
/// what makes it cheap and, where the law bends, what moves its α away from the full grid's. While a series' lack-of-fit
/// test rejects the power law at <see cref="LackOfFitLevel"/>, its units go to the sizes it has fewest of, lowest seed
/// first, i.e. whole seed rows, and the sweep does not stop on a met target until it is balanced to within one unit per
/// size. The level is strict because the test is taken again at every decision: at 0.01, series that follow their
/// power law exactly are sent to balanced rows by chance often enough to add 2% to the synthetic benchmark's spend
/// (benchmarks/README.md, "Adaptive sweeps").
/// The prediction: α's variance is σ²/S_xx, so the width after more units is the current width scaled by
/// √(S_xx now / S_xx then) and by the ratio of the t quantiles (n − 2 degrees of freedom); σ² is the series' own
/// residual variance, carried over. Running units and the units chosen earlier in the same decision count as if
/// finished usable, so a decision of several units spreads them. A series above the target with nothing running has
/// a predicted width equal to its width, so it always gets a unit when one is affordable. Within a (series, size) the
/// lowest unchosen seed goes first. Costs are the <see cref="ProblemCostModel"/>'s: a unit pays its problem's build
/// unless a unit of another optimizer on the same problem is already chosen, so series that share problems share
/// their rows. Ties in every step go to the lower series index (spectrum, then optimizer), then the smaller size.
/// Pure: no clock, no randomness, no hash-order iteration.
/// </summary>
public sealed class UncertaintyDesignPolicy : DesignPolicy
{
    /// <summary>The level of the lack-of-fit test below which a series' units go in balanced seed rows.</summary>
    public const double LackOfFitLevel = 0.001;

    private protected override bool Settled(DesignLedger ledger) =>
        ledger.TargetMet && !ledger.Series.Any(s => MissingEnd(ledger, s) >= 0 || (Rejected(s) && Imbalance(ledger, s) > 1));

    private protected override Func<(DesignChoice? Choice, DesignStop? Blocked)> Begin(DesignLedger ledger)
    {
        var initial = ledger.Series.Select(InitialDesign.Order).ToArray();
        return () => Next(ledger, initial);
    }

    /// <summary>True when the series' lack-of-fit test rejects its power law: its units then go in balanced seed rows.</summary>
    private static bool Rejected(DesignSeries series) => series.Fit?.LackOfFitPValue < LackOfFitLevel;

    /// <summary>
    /// The index of an end of the fitted <paramref name="series"/>' candidate sizes (the largest first) with no unit
    /// chosen and a candidate left, or −1.
    /// </summary>
    private static int MissingEnd(DesignLedger ledger, DesignSeries series)
    {
        if (series.Fit is null)
        {
            return -1;
        }

        foreach (int j in new[] { series.Sizes.Length - 1, 0 })
        {
            if (series.Chosen(j) == 0 && ledger.NextUnchosen(series, j) >= 0)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>
    /// The most units chosen at a size of <paramref name="series"/> less the fewest at a size that still has a
    /// candidate (0 when none has).
    /// </summary>
    private static int Imbalance(DesignLedger ledger, DesignSeries series)
    {
        int fewest = FewestChosen(ledger, series);
        return fewest < 0 ? 0 : Enumerable.Range(0, series.Sizes.Length).Max(series.Chosen) - fewest;
    }

    /// <summary>The fewest units chosen at a size of <paramref name="series"/> that still has a candidate (−1 when none has).</summary>
    private static int FewestChosen(DesignLedger ledger, DesignSeries series)
    {
        int fewest = -1;
        for (int j = 0; j < series.Sizes.Length; j++)
        {
            if (ledger.NextUnchosen(series, j) >= 0 && (fewest < 0 || series.Chosen(j) < fewest))
            {
                fewest = series.Chosen(j);
            }
        }

        return fewest;
    }

    private static (DesignChoice? Choice, DesignStop? Blocked) Next(DesignLedger ledger, (int[] Order, int BaseCount)[] initial)
    {
        double? target = ledger.Settings.TargetWidth;
        bool unaffordable = false;
        if (Initial(ledger, initial, ref unaffordable) is { } first)
        {
            return (first, null);
        }

        if (Complete(ledger, ref unaffordable) is { } complete)
        {
            return (complete, null);
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

    private static DesignChoice? Complete(DesignLedger ledger, ref bool unaffordable)
    {
        (double Cost, int Unit, DesignSeries Series, bool End)? best = null;
        foreach (var series in ledger.Series)
        {
            int end = MissingEnd(ledger, series);
            bool balance = end < 0 && Rejected(series) && Imbalance(ledger, series) > 1;
            if (end < 0 && !balance)
            {
                continue;
            }

            int fewest = balance ? FewestChosen(ledger, series) : -1;
            for (int j = 0; j < series.Sizes.Length; j++)
            {
                int unit = ledger.NextUnchosen(series, j);
                if (unit < 0 || (balance ? series.Chosen(j) != fewest : j != end))
                {
                    continue;
                }

                if (!ledger.Affordable(unit))
                {
                    unaffordable = true;
                    continue;
                }

                double cost = ledger.RemainingCost(unit);
                if (best is not { } b || cost < b.Cost)
                {
                    best = (cost, unit, series, !balance);
                }
            }
        }

        if (best is not { } chosen)
        {
            return null;
        }

        var s = chosen.Series;
        int size = ledger.Units[chosen.Unit].Size;
        return chosen.End
            ? new DesignChoice(chosen.Unit, DesignReason.Explore, string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: no unit yet at size {size}, an end of its candidate sizes (without it α is the slope of a part of the range); {ledger.UnitWords(chosen.Unit)} for {ledger.CostWords(chosen.Unit)}"))
            : new DesignChoice(chosen.Unit, DesignReason.Balance, string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: {RowsWords(s)}; its sizes differ by {Imbalance(ledger, s)} units and size {size} has {s.Chosen(s.SizeIndex(size))}, the fewest; {ledger.UnitWords(chosen.Unit)} for {ledger.CostWords(chosen.Unit)}"));
    }

    /// <summary>Why a series' units go in balanced seed rows, in words.</summary>
    private static string RowsWords(DesignSeries series) => string.Create(CultureInfo.InvariantCulture,
        $"the power law's form rejected (lack of fit p = {series.Fit!.LackOfFitPValue:G2}), so balanced seed rows");

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

    private static DesignChoice? Exploit(DesignLedger ledger, DesignSeries[] needy, ref bool unaffordable)
    {
        double? target = ledger.Settings.TargetWidth;
        (double Score, double Cost, int Unit, DesignSeries Series, double Now, double After)? best = null;
        foreach (var series in needy)
        {
            double now = series.PredictedWidth(-1, ledger.Quantiles)!.Value;
            int fewest = Rejected(series) ? FewestChosen(ledger, series) : -1;
            for (int j = 0; j < series.Sizes.Length; j++)
            {
                int unit = ledger.NextUnchosen(series, j);
                if (unit < 0 || (fewest >= 0 && series.Chosen(j) != fewest))
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
        bool row = Rejected(s);
        if (row)
        {
            state += string.Create(CultureInfo.InvariantCulture,
                $", {RowsWords(s)}: size {ledger.Units[chosen.Unit].Size} has {s.Chosen(s.SizeIndex(ledger.Units[chosen.Unit].Size))} units, the fewest");
        }

        string pending = s.PendingTotal > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {chosen.Now:G3} predicted with {s.PendingTotal} running")
            : "";
        return new DesignChoice(chosen.Unit, row ? DesignReason.Balance : DesignReason.Exploit, string.Create(CultureInfo.InvariantCulture,
            $"{s.Label}: {state}{pending}; {ledger.UnitWords(chosen.Unit)} cuts the predicted width to {chosen.After:G3} for {ledger.CostWords(chosen.Unit)}"));
    }
}
