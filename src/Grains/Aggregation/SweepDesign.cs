using Orchestrator.Numerics.Design;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The adaptive design of one sweep over its specs (oldest first): its candidate units, its settings and policy, and
/// the translation between the grains' records (stored outcomes, stored decisions) and the policy's. A decision is a
/// pure function of the specs, the first <c>known</c> stored outcomes and the earlier decisions, so taking it again
/// from the same records gives the same choices.
/// </summary>
internal sealed class SweepDesign
{
    private readonly Dictionary<string, int> _indexOfCell;
    private readonly int _largestUnit;
    private readonly IDesignPolicy _policy;

    public SweepDesign(IReadOnlyList<string> specs)
    {
        var parsed = specs.Select(SweepSpec.FromCanonicalJson).ToList();
        var adaptive = parsed[^1].Adaptive
            ?? throw new InvalidOperationException($"spec '{parsed[^1].Name}' has no adaptive section");
        var cells = SpecGrowth.DispatchOrder(parsed);
        _indexOfCell = cells.Select((cell, index) => (cell.Id, index)).ToDictionary(p => p.Id, p => p.index);
        Units = DesignUnits.From(cells);
        _largestUnit = Units.Max(u => u.CellIndices.Count);
        Settings = adaptive.ToDesignSettings();
        _policy = DesignPolicies.For(Settings);
        SpecCount = specs.Count;
    }

    public IReadOnlyList<DesignUnit> Units { get; }

    public DesignSettings Settings { get; }

    public int SpecCount { get; }

    /// <summary>How many units fit in <paramref name="cells"/> free cells of the dispatch window; one at least.</summary>
    public int CapacityInUnits(int cells) => Math.Max(1, cells / _largestUnit);

    /// <summary>The cells of <paramref name="unitIds"/>, as positions in the dispatch order.</summary>
    public IReadOnlyList<int> CellsOf(IEnumerable<int> unitIds) => unitIds.SelectMany(u => Units[u].CellIndices).ToList();

    /// <summary>The decision the policy takes knowing the first <paramref name="known"/> of <paramref name="stored"/>.</summary>
    public DesignDecision Decide(IReadOnlyList<CellOutcome> stored, int known, IEnumerable<StoredDecision> earlier, int capacity)
    {
        var finished = new List<DesignOutcome>(known);
        for (var i = 0; i < known; i++)
        {
            if (ToOutcome(stored[i]) is { } outcome)
            {
                finished.Add(outcome);
            }
        }

        var chosen = earlier
            .SelectMany(d => d.UnitIds.Zip(d.Reasons, (unit, reason) => new ChosenUnit(unit, (DesignReason)reason)))
            .ToList();
        return _policy.Decide(new DesignInput(Units, finished, chosen, capacity, Settings));
    }

    /// <summary>The decision as stored: its inputs, and its choices without their explanations.</summary>
    public StoredDecision Store(DesignDecision decision, int known, int capacity) => new(
        SpecCount,
        known,
        capacity,
        decision.Choices.Select(c => c.UnitId).ToArray(),
        decision.Choices.Select(c => (byte)c.Reason).ToArray(),
        decision.Stop?.ToString(),
        decision.CommittedSeconds);

    /// <summary>Whether taking a stored decision again chose the same units for the same reasons and stop.</summary>
    public static bool Same(StoredDecision stored, StoredDecision again) =>
        stored.UnitIds.AsSpan().SequenceEqual(again.UnitIds) && stored.Reasons.AsSpan().SequenceEqual(again.Reasons)
        && stored.Stop == again.Stop;

    /// <summary>Where the design stands by <paramref name="decision"/>, with the sweep's decisions so far.</summary>
    public DesignProgress Progress(DesignDecision decision, IReadOnlyList<StoredDecision> decisions) => new(
        AdaptiveSettings.NameOf(Settings.Policy),
        Settings.TargetWidth,
        Settings.BudgetSeconds,
        Settings.BudgetCells,
        decision.SpentSeconds,
        decision.CommittedSeconds,
        decisions.Sum(d => d.UnitIds.Sum(u => Units[u].CellIndices.Count)),
        decisions.Count,
        decisions.Count > 0 ? decisions[^1].Stop : null,
        decision.Series.Select(s => new SeriesDesignProgress(
            s.Optimizer, s.Spectrum, s.Alpha, s.Width, s.UnitsFinished, s.UnitsRunning, s.MeetsTarget)).ToList());

    /// <summary>The choice as the log shows it.</summary>
    public DesignLogChoice LogChoice(int unitId, DesignReason reason, string explanation)
    {
        var unit = Units[unitId];
        return new DesignLogChoice(unit.Optimizer, unit.Spectrum, unit.Size, unit.Seed, reason.ToString(), explanation);
    }

    /// <summary>A stored outcome as the policy sees it; null for a cell that is not one of this design's.</summary>
    private DesignOutcome? ToOutcome(CellOutcome outcome)
    {
        if (!_indexOfCell.TryGetValue(outcome.CellId, out var index))
        {
            return null;
        }

        var usable = outcome.Status == CellStatus.Succeeded && double.IsFinite(outcome.FinalLoss) && outcome.FinalLoss > 0;
        return new DesignOutcome(index, outcome.FinalLoss, usable, outcome.Seconds);
    }
}
