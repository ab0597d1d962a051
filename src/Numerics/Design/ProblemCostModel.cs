namespace Orchestrator.Numerics.Design;

/// <summary>
/// The core-seconds a cell is expected to cost when the cells of a sweep share problems: units that differ only in
/// optimizer (the same spectrum, size and seed) run on one problem, which a host builds for the first of them and
/// keeps for the others. Two <see cref="CellCostModel"/>s are learned from the measured cells: <see cref="Cold"/> from
/// each problem's first finished cell (in stored order: it paid the build) and <see cref="Warm"/> from the others.
/// A cell costs <see cref="PredictCell"/> (warm), and the first cell of a problem not yet chosen costs
/// <see cref="PredictBuild"/> more: the difference of the two, never below 0. Until a problem's second cell is
/// measured the split is unknown: every cell is predicted at the cold cost and no build is added, as before sharing
/// was seen. Where a first cell costs what the others do (nothing is built, e.g. the synthetic law) the two models
/// agree up to noise and the build comes out near 0; where no problem has two units, every cell is cold.
/// A pure function of the measurements in their given order.
/// </summary>
public sealed record ProblemCostModel(CellCostModel Cold, CellCostModel Warm)
{
    /// <summary>Nothing measured: cost N in relative units, no build.</summary>
    public static ProblemCostModel Unmeasured { get; } = new(CellCostModel.Unmeasured, CellCostModel.Unmeasured);

    /// <summary>
    /// Learns from (size, seconds, first of its problem) of measured cells; cells with non-finite or non-positive
    /// seconds are skipped.
    /// </summary>
    public static ProblemCostModel Learn(IEnumerable<(int Size, double Seconds, bool FirstOfProblem)> cells)
    {
        var list = cells.ToList();
        var cold = CellCostModel.Learn(list.Where(c => c.FirstOfProblem).Select(c => (c.Size, c.Seconds)));
        var warm = CellCostModel.Learn(list.Where(c => !c.FirstOfProblem).Select(c => (c.Size, c.Seconds)));
        return new ProblemCostModel(cold, warm);
    }

    /// <summary>Seconds are known: some cell was measured.</summary>
    public bool IsAbsolute => Cold.IsAbsolute || Warm.IsAbsolute;

    /// <summary>True once cold and warm cells are both measured, so a build can be told from a training.</summary>
    public bool SeesBuilds => Cold.IsAbsolute && Warm.IsAbsolute;

    /// <summary>The predicted cost of one cell of <paramref name="size"/> on a problem already built.</summary>
    public double PredictCell(int size) => (Warm.IsAbsolute || !Cold.IsAbsolute ? Warm : Cold).PredictCell(size);

    /// <summary>The predicted cost of building the problem of a cell of <paramref name="size"/>: cold minus warm, at least 0.</summary>
    public double PredictBuild(int size) => SeesBuilds ? Math.Max(0, Cold.PredictCell(size) - Warm.PredictCell(size)) : 0;

}
