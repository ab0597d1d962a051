namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A sweep's analysis kept up to date as results arrive: <see cref="Add"/> records an observation and marks its
/// series and its spectrum stale; <see cref="Refit"/> refits only the stale series (<see cref="ScalingLawAnalysis.FitSeries"/>
/// and <see cref="ScalingLawAnalysis.FitSizeTime"/>) and the cross-series tables of the stale spectra
/// (<see cref="ScalingLawAnalysis.CompareAtSpectrum"/>), and returns the whole analysis. The result always equals
/// <see cref="ScalingLawAnalysis.Analyze"/> over the observations added so far, bit for bit, whatever their order. An
/// observation of a cell already seen (same optimizer, spectrum, size, seed and learning rate) replaces it only if its
/// loss is lower, which is what the fit would use anyway.
/// Thread-safe: calls are serialised by a lock.
/// </summary>
public sealed class IncrementalSweepAnalysis(FitOptions options)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<double, SortedDictionary<string, Dictionary<CellKey, Observation>>> _cells = [];
    private readonly Dictionary<(double Spectrum, string Optimizer), IReadOnlyList<SeriesFit>> _fits = [];
    private readonly Dictionary<(double Spectrum, string Optimizer), SizeTimeFit?> _sizeTimeFits = [];
    private readonly Dictionary<double, SpectrumComparison> _comparisons = [];
    private readonly HashSet<(double Spectrum, string Optimizer)> _staleSeries = [];
    private readonly HashSet<double> _staleSpectra = [];
    /// <summary>Resampled fits shared by a series' own bootstrap and its spectrum's comparisons, and kept while the series does not change.</summary>
    private readonly ResampledFitsCache _resampled = new();

    /// <summary>The options every refit uses.</summary>
    public FitOptions Options { get; } = options;

    /// <summary>True when an observation arrived since the last <see cref="Refit"/>.</summary>
    public bool IsStale
    {
        get
        {
            lock (_gate)
            {
                return _staleSpectra.Count > 0;
            }
        }
    }

    /// <summary>Records <paramref name="observation"/>; returns false when it cannot change any fit (a cell already seen with a loss at least as good).</summary>
    public bool Add(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        lock (_gate)
        {
            if (!_cells.TryGetValue(observation.Spectrum, out var byOptimizer))
            {
                _cells[observation.Spectrum] = byOptimizer = new SortedDictionary<string, Dictionary<CellKey, Observation>>(StringComparer.Ordinal);
            }

            if (!byOptimizer.TryGetValue(observation.Optimizer, out var cells))
            {
                byOptimizer[observation.Optimizer] = cells = [];
            }

            var key = new CellKey(observation.Size, observation.Seed, observation.LearningRate);
            if (cells.TryGetValue(key, out var existing) && !IsBetter(observation, existing))
            {
                return false;
            }

            cells[key] = observation;
            _staleSeries.Add((observation.Spectrum, observation.Optimizer));
            _staleSpectra.Add(observation.Spectrum);
            return true;
        }
    }

    /// <summary>Refits what is stale and returns the analysis of everything added so far.</summary>
    public SweepAnalysis Refit()
    {
        lock (_gate)
        {
            foreach (var (spectrum, optimizer) in _staleSeries)
            {
                var cells = _cells[spectrum][optimizer].Values;
                _fits[(spectrum, optimizer)] = ScalingLawAnalysis.FitSeries(optimizer, spectrum, cells, Options, _resampled);
                _sizeTimeFits[(spectrum, optimizer)] = ScalingLawAnalysis.FitSizeTime(optimizer, spectrum, cells, Options);
            }

            foreach (double spectrum in _staleSpectra)
            {
                var byOptimizer = _cells[spectrum].ToDictionary(p => p.Key, p => (IReadOnlyList<Observation>)p.Value.Values.ToList(), StringComparer.Ordinal);
                _comparisons[spectrum] = ScalingLawAnalysis.CompareAtSpectrum(spectrum, byOptimizer, Options, _resampled);
            }

            _staleSeries.Clear();
            _staleSpectra.Clear();

            var fits = new List<SeriesFit>();
            var shifts = new List<AlphaShift>();
            var shared = new List<SharedExponentTest>();
            var diagnostics = new List<SpectralDiagnostic>();
            var coefficientShifts = new List<CoefficientShift>();
            var sizeTime = new List<SizeTimeFit>();
            foreach (var (spectrum, byOptimizer) in _cells)
            {
                foreach (string optimizer in byOptimizer.Keys)
                {
                    fits.AddRange(_fits[(spectrum, optimizer)]);
                    if (_sizeTimeFits[(spectrum, optimizer)] is { } fit)
                    {
                        sizeTime.Add(fit);
                    }
                }

                var comparison = _comparisons[spectrum];
                shifts.AddRange(comparison.Shifts);
                shared.Add(comparison.SharedExponent);
                coefficientShifts.AddRange(comparison.CoefficientShifts);
                if (comparison.Diagnostic is { } diagnostic)
                {
                    diagnostics.Add(diagnostic);
                }
            }

            return new SweepAnalysis
            {
                Fits = fits, Shifts = shifts, SharedExponent = shared, Diagnostics = diagnostics, CoefficientShifts = coefficientShifts,
                SizeTimeFits = sizeTime,
            };
        }
    }

    /// <summary>The order <see cref="SeriesData"/> uses to pick a cell's observation: usable before unusable, then lower loss.</summary>
    private static bool IsBetter(Observation candidate, Observation existing)
    {
        bool candidateUsable = !candidate.Diverged && double.IsFinite(candidate.FinalLoss);
        bool existingUsable = !existing.Diverged && double.IsFinite(existing.FinalLoss);
        return candidateUsable && (!existingUsable || candidate.FinalLoss < existing.FinalLoss);
    }

    private readonly record struct CellKey(int Size, int Seed, double? LearningRate);
}
