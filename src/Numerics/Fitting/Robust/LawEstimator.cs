namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits the size laws to <see cref="SizeCells"/> under an objective on the log residuals, least squares or the Huber
/// loss with δ (<see cref="FitOptions.HuberDelta"/>), with α fitted or fixed.
/// <para>
/// Least squares reduces each size to its mean and cell count (exact, as the cells of a size share N) and solves once
/// with the least-squares fitters. The Huber loss is minimised by iteratively reweighted least squares (IRLS): each
/// step weights every cell by <see cref="HuberLoss.Weight"/> of its residual under the current fit, reduces each
/// size to its weighted mean and total weight (again exact) and solves that weighted least-squares problem: in closed
/// form for the power law (<see cref="PowerLawFitter"/>, or the weighted mean of ln L + α ln N with α fixed), by
/// <see cref="SaturatingLawFitter.Profile"/> for the saturating law at a given α. Each step is a majorise–minimise
/// step, so the Huber objective never increases (the saturating law's IRLS also tries a longer step and an Anderson
/// extrapolation, kept only when they lower the objective); the iteration starts from the least-squares fit (or a
/// given warm start when that is better) and stops when no size's fitted ln L moves by more than
/// <see cref="IrlsTolerance"/>, or after <see cref="MaxIrlsSteps"/> steps. The saturating law with α fitted profiles α over the grid with
/// <see cref="AlphaProfileSearch"/>, the profile being the Huber objective after IRLS at each α. A fixed algorithm:
/// the same cells give the same fit bit for bit. An instance holds work buffers for one set of sizes and is not
/// thread-safe.
/// </para>
/// </summary>
internal sealed class LawEstimator
{
    /// <summary>
    /// A converged IRLS step moves no size's fitted ln L (a relative change in L) by more than this; it matches the
    /// tolerance each weighted least-squares solve converges to (<see cref="SaturatingLawFitter"/>'s 1e-9).
    /// </summary>
    internal const double IrlsTolerance = 1e-9;

    /// <summary>At most this many IRLS steps; the Huber fits of sweep data take tens.</summary>
    internal const int MaxIrlsSteps = 1000;

    /// <summary>The longest extension of an IRLS step, as a multiple of it.</summary>
    private const double MaxStepDoubling = 1024;

    private readonly double? _delta;
    private readonly double[] _logSizes;
    private readonly double[] _means, _weights;
    private double[] _predictions, _next;
    private readonly SaturatingLawFitter _saturating;
    private readonly AndersonSteps _steps = new();

    /// <param name="logSizes">ln N per size of the cells to be fitted.</param>
    /// <param name="huberDelta">δ of the Huber loss; null for least squares.</param>
    public LawEstimator(double[] logSizes, double? huberDelta)
    {
        _logSizes = logSizes;
        _delta = huberDelta;
        _means = new double[logSizes.Length];
        _weights = new double[logSizes.Length];
        _predictions = new double[logSizes.Length];
        _next = new double[logSizes.Length];
        _saturating = new SaturatingLawFitter(logSizes, _means, _weights);
    }

    /// <summary>True when the options ask for more than the default (least squares, α fitted), which <see cref="SeriesFitter"/> does itself.</summary>
    public static bool Applies(FitOptions options) => options.HuberDelta is not null || options.FixedAlpha is not null;

    /// <summary>The power law L = A·N^(−α), α fixed when <paramref name="fixedAlpha"/> is given; null with fewer than two sizes.</summary>
    public LawEstimate? Power(SizeCells cells, double? fixedAlpha)
    {
        if (cells.SizesWithCells < 2)
        {
            return null;
        }

        cells.Reduce(default, null, _means, _weights);
        if (SolvePower(fixedAlpha) is not { } fit)
        {
            return null;
        }

        if (_delta is { } delta)
        {
            Predict(fit, _predictions);
            for (int step = 0; step < MaxIrlsSteps; step++)
            {
                cells.Reduce(_predictions, delta, _means, _weights);
                if (SolvePower(fixedAlpha) is not { } next)
                {
                    break;
                }

                fit = next;
                Predict(fit, _next);
                if (Advance(cells))
                {
                    break;
                }
            }
        }

        return new LawEstimate(fit.Alpha, 0, Math.Exp(fit.LogA), false);
    }

    /// <summary>The saturating law with α fitted: <see cref="AlphaProfileSearch.Search"/> over <paramref name="grid"/>; null with fewer than three sizes.</summary>
    public LawEstimate? Saturating(SizeCells cells, double[] grid, double tolerance, (double E, double A)[]? gridStarts)
    {
        if (cells.SizesWithCells < 3)
        {
            return null;
        }

        var estimate = AlphaProfileSearch.Search(grid, tolerance, gridStarts, (alpha, e, a, linear) => Profile(cells, alpha, e, a, linear));
        return double.IsFinite(estimate.BetweenSizeObjective)
            ? new LawEstimate(estimate.Alpha, estimate.E, estimate.A, estimate.AtGridEdge)
            : null;
    }

    /// <summary>The saturating law at α = <paramref name="alpha"/> (E, A ≥ 0 fitted), from an optional warm start; null with fewer than three sizes.</summary>
    public LawEstimate? SaturatingAt(SizeCells cells, double alpha, double warmE = 0, double warmA = 0, bool linearStart = true)
    {
        if (cells.SizesWithCells < 3)
        {
            return null;
        }

        var (objective, e, a) = Profile(cells, alpha, warmE, warmA, linearStart);
        return double.IsFinite(objective) ? new LawEstimate(alpha, e, a, false) : null;
    }

    /// <summary>The saturating law's (E, A) at each grid point on <paramref name="cells"/>: the starts of each resample's profiles.</summary>
    public (double E, double A)[] SaturatingGridSolutions(SizeCells cells, double[] grid) =>
        AlphaProfileSearch.GridSolutions(grid, (alpha, e, a, linear) => Profile(cells, alpha, e, a, linear));

    /// <summary>
    /// The objective minimised over E, A ≥ 0 at α, with the minimiser. Least squares: <see cref="SaturatingLawFitter.Profile"/>
    /// on the size means. Huber: IRLS from the better (in Huber objective) of the warm start and, with
    /// <paramref name="linearStart"/> or without a usable warm start, the least-squares solution at α.
    /// </summary>
    private (double Objective, double E, double A) Profile(SizeCells cells, double alpha, double warmE, double warmA, bool linearStart)
    {
        cells.Reduce(default, null, _means, _weights);
        _saturating.SetData(_means, _weights);
        if (_delta is not { } delta)
        {
            return _saturating.Profile(alpha, warmE, warmA, linearStart);
        }

        double e = warmE, a = warmA, current = double.PositiveInfinity;
        if (warmE > 0 || warmA > 0)
        {
            current = HuberObjective(cells, new LawEstimate(alpha, e, a, false), delta);
        }

        if (linearStart || !double.IsFinite(current))
        {
            var leastSquares = _saturating.Profile(alpha, warmE, warmA, linearStart: true);
            double objective = HuberObjective(cells, new LawEstimate(alpha, leastSquares.E, leastSquares.A, false), delta);
            if (objective < current || !double.IsFinite(current))
            {
                (e, a, current) = (leastSquares.E, leastSquares.A, objective);
            }
        }

        if (!double.IsFinite(current))
        {
            return (double.PositiveInfinity, e, a);
        }

        Predict(new LawEstimate(alpha, e, a, false), _predictions);
        var steps = _steps;
        steps.Clear();
        for (int step = 0; step < MaxIrlsSteps; step++)
        {
            cells.Reduce(_predictions, delta, _means, _weights);
            _saturating.SetData(_means, _weights);
            var next = _saturating.Profile(alpha, e, a, linearStart: false);
            if (!double.IsFinite(next.Objective))
            {
                break;
            }

            // Two accelerations, each kept only when it lowers the objective. Far from the solution IRLS can slide
            // along a valley in equal small steps: while consecutive steps point the same way, the step is doubled.
            // Near the solution the IRLS map is nearly linear with a rate of about one half: extrapolating from the
            // last three steps (Anderson) lands close to its fixed point.
            steps.Add(e, a, next.E, next.A);
            var best = (E: next.E, A: next.A, Objective: HuberObjective(cells, new LawEstimate(alpha, next.E, next.A, false), delta));
            bool jumped = false;
            if (steps.Aligned())
            {
                for (double t = 2; t <= MaxStepDoubling; t *= 2)
                {
                    double eTrial = Math.Max(0, e + t * (next.E - e)), aTrial = Math.Max(0, a + t * (next.A - a));
                    double trial = HuberObjective(cells, new LawEstimate(alpha, eTrial, aTrial, false), delta);
                    if (!(trial < best.Objective))
                    {
                        break;
                    }

                    best = (eTrial, aTrial, trial);
                    jumped = true;
                }
            }

            if (!jumped && steps.Extrapolate() is { } jump
                && HuberObjective(cells, new LawEstimate(alpha, jump.E, jump.A, false), delta) is var extrapolated
                && extrapolated < best.Objective)
            {
                best = (jump.E, jump.A, extrapolated);
                jumped = true;
            }

            if (jumped)
            {
                steps.Clear();
            }

            (e, a) = (best.E, best.A);
            Predict(new LawEstimate(alpha, e, a, false), _next);
            if (Advance(cells))
            {
                break;
            }
        }

        return (cells.Objective(_predictions, delta), e, a);
    }

    /// <summary>Makes the next predictions current; true when no size with cells moved by more than <see cref="IrlsTolerance"/>.</summary>
    private bool Advance(SizeCells cells)
    {
        double largest = 0;
        for (int j = 0; j < _logSizes.Length; j++)
        {
            if (cells.Counts[j] > 0)
            {
                largest = Math.Max(largest, Math.Abs(_next[j] - _predictions[j]));
            }
        }

        (_predictions, _next) = (_next, _predictions);
        return largest <= IrlsTolerance;
    }

    private double HuberObjective(SizeCells cells, LawEstimate fit, double delta)
    {
        Predict(fit, _next);
        double objective = cells.Objective(_next, delta);
        return double.IsNaN(objective) ? double.PositiveInfinity : objective;
    }

    private void Predict(LawEstimate fit, Span<double> predictions)
    {
        for (int j = 0; j < _logSizes.Length; j++)
        {
            predictions[j] = fit.LogLossAt(_logSizes[j]);
        }
    }

    private void Predict((double Alpha, double LogA) fit, Span<double> predictions)
    {
        for (int j = 0; j < _logSizes.Length; j++)
        {
            predictions[j] = fit.LogA - fit.Alpha * _logSizes[j];
        }
    }

    /// <summary>Weighted least squares of the reduced sizes: the slope and intercept, or the intercept at a fixed slope.</summary>
    private (double Alpha, double LogA)? SolvePower(double? fixedAlpha)
    {
        if (fixedAlpha is not { } alpha)
        {
            return PowerLawFitter.Fit(_logSizes, _means, _weights) is { } fit ? (fit.Alpha, fit.LogCoefficient) : null;
        }

        double sum = 0, total = 0;
        for (int j = 0; j < _logSizes.Length; j++)
        {
            sum += _weights[j] * (_means[j] + alpha * _logSizes[j]);
            total += _weights[j];
        }

        return total > 0 ? (alpha, sum / total) : null;
    }
}
