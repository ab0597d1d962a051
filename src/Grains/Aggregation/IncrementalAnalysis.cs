using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// A sweep's analysis kept up to date one result at a time: a new cell marks its series and its spectrum stale, and
/// <see cref="Refit"/> refits only those. The result is the same, bit for bit, as
/// <see cref="ScalingLawAnalysis.Analyze"/> over all cells at once, since every piece is a pure function of its
/// series' (or spectrum's) observations.
/// </summary>
public sealed class IncrementalAnalysis(FitOptions options)
{
    private readonly SortedDictionary<double, SortedDictionary<string, List<Observation>>> _observations = [];
    private readonly Dictionary<SeriesKey, IReadOnlyList<SeriesFit>> _fits = [];
    private readonly Dictionary<double, SpectrumComparison> _comparisons = [];
    private readonly HashSet<SeriesKey> _staleSeries = [];
    private readonly HashSet<double> _staleSpectra = [];

    public bool IsStale => _staleSeries.Count > 0;

    /// <summary>Adds a finished cell. A failed cell has no loss to fit and is left out.</summary>
    public void Add(CellOutcome outcome)
    {
        if (outcome.Status == CellStatus.Failed)
        {
            return;
        }

        if (!_observations.TryGetValue(outcome.Spectrum, out var bySeries))
        {
            _observations[outcome.Spectrum] = bySeries = new SortedDictionary<string, List<Observation>>(StringComparer.Ordinal);
        }

        if (!bySeries.TryGetValue(outcome.Optimizer, out var series))
        {
            bySeries[outcome.Optimizer] = series = [];
        }

        series.Add(new Observation(
            outcome.Optimizer,
            outcome.Spectrum,
            outcome.Size,
            outcome.Seed,
            outcome.FinalLoss,
            outcome.Status == CellStatus.Diverged,
            outcome.LearningRateSetting));
        _staleSeries.Add(new SeriesKey(outcome.Optimizer, outcome.Spectrum));
        _staleSpectra.Add(outcome.Spectrum);
    }

    public SweepAnalysis Refit()
    {
        foreach (var key in _staleSeries)
        {
            _fits[key] = ScalingLawAnalysis.FitSeries(key.Optimizer, key.Spectrum, _observations[key.Spectrum][key.Optimizer], options);
        }

        foreach (var spectrum in _staleSpectra)
        {
            var bySeries = _observations[spectrum].ToDictionary(p => p.Key, p => (IReadOnlyList<Observation>)p.Value, StringComparer.Ordinal);
            _comparisons[spectrum] = ScalingLawAnalysis.CompareAtSpectrum(spectrum, bySeries, options);
        }

        _staleSeries.Clear();
        _staleSpectra.Clear();

        // Spectra ascending, optimizers in ordinal order: the order of ScalingLawAnalysis.Analyze.
        var comparisons = _observations.Keys.Select(s => _comparisons[s]).ToList();
        return new SweepAnalysis
        {
            Fits = _observations.SelectMany(s => s.Value.Keys.SelectMany(o => _fits[new SeriesKey(o, s.Key)])).ToList(),
            Shifts = comparisons.SelectMany(c => c.Shifts).ToList(),
            SharedExponent = comparisons.Select(c => c.SharedExponent).ToList(),
            Diagnostics = comparisons.Where(c => c.Diagnostic is not null).Select(c => c.Diagnostic!).ToList(),
        };
    }
}
