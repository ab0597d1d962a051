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
    /// <param name="maxDegreeOfParallelism">
    /// Threads the refit may use (at least 1). The stale series and spectra are independent pieces of work, run at
    /// most this many at once, each with its bootstrap on the threads left over (<see cref="FitOptions.MaxDegreeOfParallelism"/>);
    /// every piece writes its own slot, so the result is the same bit for bit for any number of threads.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops the refit between pieces of work: the pieces finished are kept, the rest stay stale for the next refit,
    /// and <see cref="OperationCanceledException"/> is thrown.
    /// </param>
    public SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        lock (_gate)
        {
            RefitStale(maxDegreeOfParallelism, cancellationToken);

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

    /// <summary>
    /// Refits the stale series (the size laws and the size × time law as two pieces) and the stale spectra's tables, and
    /// stores what finished, also when cancelled. The costliest kind of piece (the size × time law's bootstrap) goes first.
    /// </summary>
    private void RefitStale(int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var series = _staleSeries.Order().ToArray();
        var spectra = _staleSpectra.Order().ToArray();
        var seriesFits = new IReadOnlyList<SeriesFit>?[series.Length];
        var sizeTimeFits = new SizeTimeFit?[series.Length];
        var sizeTimeDone = new bool[series.Length];
        var comparisons = new SpectrumComparison?[spectra.Length];
        int pieces = 2 * series.Length + spectra.Length;
        int workers = Math.Clamp(maxDegreeOfParallelism, 1, Math.Max(pieces, 1));
        var options = Options with { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism / workers) };

        void Piece(int k)
        {
            if (k < series.Length)
            {
                var (spectrum, optimizer) = series[k];
                sizeTimeFits[k] = ScalingLawAnalysis.FitSizeTime(optimizer, spectrum, _cells[spectrum][optimizer].Values, options);
                sizeTimeDone[k] = true;
            }
            else if (k < series.Length + spectra.Length)
            {
                double spectrum = spectra[k - series.Length];
                var byOptimizer = _cells[spectrum].ToDictionary(p => p.Key, p => (IReadOnlyList<Observation>)p.Value.Values.ToList(), StringComparer.Ordinal);
                comparisons[k - series.Length] = ScalingLawAnalysis.CompareAtSpectrum(spectrum, byOptimizer, options, _resampled);
            }
            else
            {
                var (spectrum, optimizer) = series[k - series.Length - spectra.Length];
                seriesFits[k - series.Length - spectra.Length] = ScalingLawAnalysis.FitSeries(optimizer, spectrum, _cells[spectrum][optimizer].Values, options, _resampled);
            }
        }

        try
        {
            ParallelPieces.Run(pieces, workers, Piece, cancellationToken);
        }
        finally
        {
            for (int k = 0; k < series.Length; k++)
            {
                if (seriesFits[k] is { } fits && sizeTimeDone[k])
                {
                    _fits[series[k]] = fits;
                    _sizeTimeFits[series[k]] = sizeTimeFits[k];
                    _staleSeries.Remove(series[k]);
                }
            }

            for (int k = 0; k < spectra.Length; k++)
            {
                if (comparisons[k] is { } comparison)
                {
                    _comparisons[spectra[k]] = comparison;
                    _staleSpectra.Remove(spectra[k]);
                }
            }
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
