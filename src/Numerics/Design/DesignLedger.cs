using System.Globalization;
using MathNet.Numerics.Distributions;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// What one decision knows, derived from its input alone: each unit's status (unchosen, running or finished: every
/// cell has an outcome), its best usable loss and measured seconds, the series with their fits, the problems the units
/// share (units that differ only in optimizer: the same spectrum, size and seed) and which of them are built or being
/// built, the cost model, the spend, and the budget. Units chosen during the decision are added with
/// <see cref="Choose"/>, which updates the spend, the problems started and the series' pending units (the "fantasy"
/// the predictions use). Nothing here iterates a hash container, so the same input gives the same numbers bit for bit.
/// </summary>
internal sealed class DesignLedger
{
    private readonly DesignUnit[] _units;
    private readonly UnitStatus[] _status;
    private readonly DesignReason?[] _reasons;
    private readonly int[] _finishedCells;
    private readonly double[] _measuredSeconds;
    private readonly int[] _seriesOf;
    private readonly int[] _problemOf;
    private readonly bool[] _problemMeasured;
    private readonly int[] _problemCarrier;
    private int _unchosen;
    private int _running;
    private int _committedCells;
    private double _committedPredicted;
    private double _exploreSeconds;

    public DesignLedger(DesignInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Settings = input.Settings;
        _units = input.Units.ToArray();
        for (int i = 0; i < _units.Length; i++)
        {
            if (_units[i].Id != i)
            {
                throw new ArgumentException($"unit {i} has id {_units[i].Id}; a unit's id must be its position in the list", nameof(input));
            }
        }

        // Cell indices are positions in the dispatch order: a dense array maps them to their units.
        int cells = _units.Length == 0 ? 0 : _units.Max(u => u.CellIndices.Count == 0 ? -1 : u.CellIndices.Max()) + 1;
        var unitOfCell = new int[cells];
        Array.Fill(unitOfCell, -1);
        foreach (var unit in _units)
        {
            foreach (int cell in unit.CellIndices)
            {
                if (cell < 0)
                {
                    throw new ArgumentException($"unit {unit.Id} has the negative cell index {cell}", nameof(input));
                }

                if (unitOfCell[cell] >= 0)
                {
                    throw new ArgumentException($"cell {cell} belongs to units {unitOfCell[cell]} and {unit.Id}", nameof(input));
                }

                unitOfCell[cell] = unit.Id;
            }
        }

        // Problems numbered in unit order; the dictionary is only looked up, never iterated.
        var problemIds = new Dictionary<(double Spectrum, int Size, int Seed), int>();
        _problemOf = new int[_units.Length];
        foreach (var unit in _units)
        {
            if (!problemIds.TryGetValue((unit.Spectrum, unit.Size, unit.Seed), out int problem))
            {
                problem = problemIds.Count;
                problemIds.Add((unit.Spectrum, unit.Size, unit.Seed), problem);
            }

            _problemOf[unit.Id] = problem;
        }

        _problemMeasured = new bool[problemIds.Count];
        _problemCarrier = new int[problemIds.Count];
        Array.Fill(_problemCarrier, -1);

        _status = new UnitStatus[_units.Length];
        _reasons = new DesignReason?[_units.Length];
        foreach (var chosen in input.Chosen)
        {
            if (chosen.UnitId < 0 || chosen.UnitId >= _units.Length)
            {
                throw new ArgumentException($"chosen unit {chosen.UnitId} is not a unit of the design", nameof(input));
            }

            _reasons[chosen.UnitId] ??= chosen.Reason;
            _status[chosen.UnitId] = UnitStatus.Running;
            // The first unit chosen on a problem builds it; the later ones find it built.
            if (_problemCarrier[_problemOf[chosen.UnitId]] < 0)
            {
                _problemCarrier[_problemOf[chosen.UnitId]] = chosen.UnitId;
            }
        }

        // Outcomes in stored order: the spend, each unit's cells and best usable loss, and the cost model's points.
        _finishedCells = new int[_units.Length];
        _measuredSeconds = new double[_units.Length];
        var bestLoss = Enumerable.Repeat(double.NaN, _units.Length).ToArray();
        var seen = new bool[cells];
        var costPoints = new List<(int Size, double Seconds, bool FirstOfProblem)>();
        foreach (var outcome in input.Finished)
        {
            double seconds = double.IsFinite(outcome.Seconds) && outcome.Seconds > 0 ? outcome.Seconds : 0;
            SpentSeconds += seconds;
            if (outcome.CellIndex < 0 || outcome.CellIndex >= cells || unitOfCell[outcome.CellIndex] is var unit && unit < 0)
            {
                continue;
            }

            _measuredSeconds[unit] += seconds;
            // The problem's first measured cell paid its build (in stored order, so the split is replayable).
            costPoints.Add((_units[unit].Size, outcome.Seconds, !_problemMeasured[_problemOf[unit]]));
            _problemMeasured[_problemOf[unit]] |= seconds > 0;
            if (!seen[outcome.CellIndex])
            {
                seen[outcome.CellIndex] = true;
                _finishedCells[unit]++;
            }

            if (outcome.Usable && double.IsFinite(outcome.FinalLoss) && outcome.FinalLoss > 0
                && !(bestLoss[unit] <= outcome.FinalLoss))
            {
                bestLoss[unit] = outcome.FinalLoss;
            }

            if (_status[unit] == UnitStatus.Unchosen)
            {
                _status[unit] = UnitStatus.Running;
            }
        }

        Cost = ProblemCostModel.Learn(costPoints);
        Quantiles = new TQuantiles(Settings.ConfidenceLevel);

        // Series in the fits' order: ascending spectrum, then optimizer (ordinal).
        Series = _units
            .GroupBy(u => (u.Optimizer, u.Spectrum))
            .OrderBy(g => g.Key.Spectrum)
            .ThenBy(g => g.Key.Optimizer, StringComparer.Ordinal)
            .Select((g, index) => new DesignSeries(index, g.Key.Optimizer, g.Key.Spectrum, g.ToList()))
            .ToArray();
        _seriesOf = new int[_units.Length];
        foreach (var series in Series)
        {
            foreach (int id in series.UnitsBySize.SelectMany(ids => ids))
            {
                _seriesOf[id] = series.Index;
            }
        }

        var observations = Series.Select(_ => new List<Observation>()).ToArray();
        foreach (var unit in _units)
        {
            var series = Series[_seriesOf[unit.Id]];
            if (_status[unit.Id] == UnitStatus.Running && _finishedCells[unit.Id] == unit.CellIndices.Count)
            {
                _status[unit.Id] = UnitStatus.Finished;
            }

            switch (_status[unit.Id])
            {
                case UnitStatus.Unchosen:
                    _unchosen++;
                    break;
                case UnitStatus.Running:
                    _running++;
                    series.UnitsRunning++;
                    series.Pending[series.SizeIndex(unit.Size)]++;
                    _committedCells += unit.CellIndices.Count;
                    _committedPredicted += RemainingCost(unit.Id);
                    break;
                case UnitStatus.Finished:
                    series.UnitsFinished++;
                    series.Finished[series.SizeIndex(unit.Size)]++;
                    _committedCells += unit.CellIndices.Count;
                    if (double.IsFinite(bestLoss[unit.Id]))
                    {
                        series.Usable[series.SizeIndex(unit.Size)]++;
                        observations[series.Index].Add(new Observation(unit.Optimizer, unit.Spectrum, unit.Size, unit.Seed, bestLoss[unit.Id], Diverged: false));
                    }

                    break;
            }

            if (_reasons[unit.Id] == DesignReason.Explore)
            {
                _exploreSeconds += _measuredSeconds[unit.Id] + RemainingCost(unit.Id);
            }
        }

        foreach (var series in Series)
        {
            series.Fit = PowerLawInterval.Fit(series.Optimizer, series.Spectrum, observations[series.Index], Settings.ConfidenceLevel);
        }

        SetCautiousVariances();
    }

    /// <summary>The weight, in degrees of freedom, of the other series' pooled residual variance in a series' shrunk one.</summary>
    public const double PooledPriorDegreesOfFreedom = 8;

    /// <summary>
    /// The level of the two-sided F test that decides whether a series' residual variance is compatible with the
    /// other series' pooled one (then it is shrunk towards it) or plainly different (then it stands alone).
    /// </summary>
    public const double PoolingTestLevel = 0.002;

    public DesignSettings Settings { get; }

    public IReadOnlyList<DesignUnit> Units => _units;

    /// <summary>Series in ascending spectrum, then ordinal optimizer order.</summary>
    public DesignSeries[] Series { get; }

    public ProblemCostModel Cost { get; }

    public TQuantiles Quantiles { get; }

    /// <summary>Seconds of every finished cell.</summary>
    public double SpentSeconds { get; }

    /// <summary>
    /// Spent plus the predicted cost of the unfinished cells of running units (and of units chosen in this decision),
    /// in relative units while <see cref="ProblemCostModel.IsAbsolute"/> is false. A problem's predicted build is
    /// counted once, with the first unit chosen on it, until a cell of it is measured.
    /// </summary>
    public double CommittedSpend => SpentSeconds + _committedPredicted;

    /// <summary>The part of <see cref="CommittedSpend"/> on units chosen as space-filling.</summary>
    public double ExploreSpend => _exploreSeconds;

    public bool AnyRunning => _running > 0;

    public bool AnyUnchosen => _unchosen > 0;

    public bool IsUnchosen(int unit) => _status[unit] == UnitStatus.Unchosen;

    public DesignSeries SeriesOf(int unit) => Series[_seriesOf[unit]];

    /// <summary>The lowest-seed unchosen unit of <paramref name="series"/> at size index <paramref name="j"/>, or −1.</summary>
    public int NextUnchosen(DesignSeries series, int j)
    {
        foreach (int id in series.UnitsBySize[j])
        {
            if (_status[id] == UnitStatus.Unchosen)
            {
                return id;
            }
        }

        return -1;
    }

    /// <summary>
    /// The predicted cost of the cells of <paramref name="unit"/> that have not finished, with its problem's build when
    /// it is the unit that builds it: the first chosen on the problem, or any unchosen unit of a problem none has been
    /// chosen on, while no cell of the problem is measured.
    /// </summary>
    public double RemainingCost(int unit) =>
        (_units[unit].CellIndices.Count - _finishedCells[unit]) * Cost.PredictCell(_units[unit].Size)
        + (BuildsItsProblem(unit) ? Cost.PredictBuild(_units[unit].Size) : 0);

    /// <summary>True when <paramref name="unit"/> is the one that pays its problem's (predicted) build.</summary>
    public bool BuildsItsProblem(int unit)
    {
        int problem = _problemOf[unit];
        return !_problemMeasured[problem] && (_problemCarrier[problem] < 0 || _problemCarrier[problem] == unit);
    }

    /// <summary>
    /// True when starting <paramref name="unit"/> keeps the committed cells and seconds within the budget. Before any
    /// cell is measured the seconds budget cannot be compared and does not bind.
    /// </summary>
    public bool Affordable(int unit)
    {
        if (Settings.BudgetCells is { } cells && _committedCells + _units[unit].CellIndices.Count > cells)
        {
            return false;
        }

        return !(Settings.BudgetSeconds is { } seconds && Cost.IsAbsolute && CommittedSpend + RemainingCost(unit) > seconds);
    }

    /// <summary>True when some unchosen unit is affordable.</summary>
    public bool AnyAffordable()
    {
        if (Settings.BudgetCells is null && (Settings.BudgetSeconds is null || !Cost.IsAbsolute))
        {
            return AnyUnchosen;
        }

        for (int id = 0; id < _units.Length; id++)
        {
            if (_status[id] == UnitStatus.Unchosen && Affordable(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks <paramref name="unit"/> chosen now: it is pending in its series and its predicted cost is committed.</summary>
    public void Choose(int unit, DesignReason reason)
    {
        if (_status[unit] != UnitStatus.Unchosen)
        {
            throw new InvalidOperationException($"unit {unit} was already chosen");
        }

        double cost = RemainingCost(unit);
        if (_problemCarrier[_problemOf[unit]] < 0)
        {
            _problemCarrier[_problemOf[unit]] = unit;
        }

        _status[unit] = UnitStatus.Running;
        _reasons[unit] = reason;
        _unchosen--;
        _running++;
        _committedCells += _units[unit].CellIndices.Count;
        _committedPredicted += cost;
        if (reason == DesignReason.Explore)
        {
            _exploreSeconds += cost;
        }

        var series = SeriesOf(unit);
        series.Pending[series.SizeIndex(_units[unit].Size)]++;
        series.UnitsRunning++;
    }

    /// <summary>True when a target is set and every series' interval from its finished units is at most that wide.</summary>
    public bool TargetMet => Settings.TargetWidth is { } target && Series.All(s => s.Fit is { } fit && fit.Width <= target);

    /// <summary>The cost of <paramref name="unit"/> in words: core-seconds, or relative units before any measurement.</summary>
    public string CostWords(int unit) => Cost.IsAbsolute
        ? string.Create(CultureInfo.InvariantCulture, $"{RemainingCost(unit):G3} core-s")
        : string.Create(CultureInfo.InvariantCulture, $"relative cost {RemainingCost(unit):G3} (∝ N, nothing measured yet)");

    /// <summary>The unit as "size 256 seed 5".</summary>
    public string UnitWords(int unit) => string.Create(CultureInfo.InvariantCulture, $"size {_units[unit].Size} seed {_units[unit].Seed}");

    /// <summary>The decision with these choices (already applied with <see cref="Choose"/>) and stop, and every series' state.</summary>
    public DesignDecision Decision(IReadOnlyList<DesignChoice> choices, DesignStop? stop) => new(
        choices,
        stop,
        Series.Select(s => new SeriesDesignState(
            s.Optimizer,
            s.Spectrum,
            s.Fit?.Alpha,
            s.Fit?.Width,
            s.UnitsFinished,
            s.UnitsRunning,
            Settings.TargetWidth is { } target && s.Fit is { } fit && fit.Width <= target)).ToList(),
        SpentSeconds,
        Cost.IsAbsolute ? CommittedSpend : SpentSeconds);

    /// <summary>
    /// Sets each fitted series' <see cref="DesignSeries.CautiousVariance"/>: its own residual variance shrunk towards
    /// the pooled variance of the other fitted series (as if the pool gave it <see cref="PooledPriorDegreesOfFreedom"/>
    /// more degrees of freedom), unless an F test at <see cref="PoolingTestLevel"/> says the two differ, in which
    /// case the series has only its own. Series of one experiment often share their seed-to-seed scatter; where they
    /// do, the pool keeps a series whose first residuals happened to be small from being taken as done.
    /// </summary>
    private void SetCautiousVariances()
    {
        double totalRss = 0;
        int totalDegrees = 0;
        foreach (var series in Series)
        {
            if (series.Fit is { } fit)
            {
                totalRss += fit.ResidualVariance * (fit.CellCount - 2);
                totalDegrees += fit.CellCount - 2;
            }
        }

        foreach (var series in Series)
        {
            if (series.Fit is not { } fit)
            {
                continue;
            }

            int own = fit.CellCount - 2, others = totalDegrees - own;
            double ownRss = fit.ResidualVariance * own;
            series.CautiousVariance = fit.ResidualVariance;
            if (others < 1 || !(fit.ResidualVariance > 0))
            {
                continue;
            }

            double pooled = (totalRss - ownRss) / others;
            if (!(pooled > 0))
            {
                continue;
            }

            double p = FisherSnedecor.CDF(own, others, fit.ResidualVariance / pooled);
            if (p >= PoolingTestLevel / 2 && p <= 1 - PoolingTestLevel / 2)
            {
                series.CautiousVariance = Math.Max(fit.ResidualVariance,
                    (ownRss + PooledPriorDegreesOfFreedom * pooled) / (own + PooledPriorDegreesOfFreedom));
            }
        }
    }

    private enum UnitStatus
    {
        Unchosen,
        Running,
        Finished,
    }
}
