namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits L = E + A·N^(−α), E, A ≥ 0, by minimising the sum of squared log residuals with variable projection:
/// the profile objective g(α) = min over (E, A) ≥ 0 is searched on an α grid and the best grid point is polished by
/// golden section over its two neighbouring grid cells. Nothing depends on a starting value.
/// <para>
/// Inner problem (fixed α): log(E + A u) is not linear in (E, A), so it is solved by projected Gauss–Newton. The
/// start is the exact non-negative weighted linear least squares of L on (1, u) with weights 1/L² (the first-order
/// expansion of the log residual at the data). Each step solves the linearised problem exactly under E, A ≥ 0
/// (two-variable NNLS by active-set enumeration) and is halved until the objective decreases, so the objective never
/// increases; iteration stops when the relative decrease falls below 1e-13. The converged point satisfies the
/// first-order (KKT) conditions of the constrained problem; the unit tests check that no nearby (E, A, α) is better.
/// </para>
/// <para>
/// Seeds of one size share N, so Σ over cells of (y − log f)² = Σ over sizes of n·(ȳ − log f)² + within-size scatter:
/// the fit runs on size means weighted by seed counts, which is exact and makes each evaluation cost one pass over
/// the sizes. An instance holds work buffers and is not thread-safe.
/// </para>
/// </summary>
internal sealed class SaturatingLawFitter
{
    private const int MaxGaussNewtonIterations = 50;
    private const int MaxHalvings = 30;
    private const double RelativeDecreaseTolerance = 1e-13;

    private readonly int _count;
    private readonly double[] _x, _y, _w, _inverseL;
    private readonly double[] _u, _a, _b, _z;
    private double[] _f, _r, _trialF, _trialR;

    /// <param name="logSizes">ln N per size.</param>
    /// <param name="meanLogLoss">Mean ln L per size.</param>
    /// <param name="weights">Seed count per size (0 drops the size).</param>
    public SaturatingLawFitter(ReadOnlySpan<double> logSizes, ReadOnlySpan<double> meanLogLoss, ReadOnlySpan<double> weights)
    {
        _count = logSizes.Length;
        _x = logSizes.ToArray();
        _y = meanLogLoss.ToArray();
        _w = weights.ToArray();
        _inverseL = new double[_count];
        for (int i = 0; i < _count; i++)
        {
            _inverseL[i] = Math.Exp(-_y[i]);
        }

        _u = new double[_count];
        _a = new double[_count];
        _b = new double[_count];
        _z = new double[_count];
        _f = new double[_count];
        _r = new double[_count];
        _trialF = new double[_count];
        _trialR = new double[_count];
    }

    /// <summary>Replaces the size means (same sizes), so that one instance serves every bootstrap resample.</summary>
    public void SetData(ReadOnlySpan<double> meanLogLoss, ReadOnlySpan<double> weights)
    {
        meanLogLoss.CopyTo(_y);
        weights.CopyTo(_w);
        for (int i = 0; i < _count; i++)
        {
            _inverseL[i] = Math.Exp(-_y[i]);
        }
    }

    /// <summary>Search over <paramref name="gridPoints"/> (ascending), then golden-section polish to <paramref name="tolerance"/> in α.</summary>
    public SaturatingLawEstimate Fit(double[] gridPoints, double tolerance)
    {
        int bestIndex = 0;
        double bestValue = double.PositiveInfinity;
        for (int i = 0; i < gridPoints.Length; i++)
        {
            double value = Profile(gridPoints[i]).Objective;
            if (value < bestValue)
            {
                bestValue = value;
                bestIndex = i;
            }
        }

        double alpha = gridPoints[bestIndex];
        int last = gridPoints.Length - 1;
        if (double.IsFinite(bestValue) && last > 0)
        {
            double low = gridPoints[Math.Max(bestIndex - 1, 0)];
            double high = gridPoints[Math.Min(bestIndex + 1, last)];
            var polished = GoldenSection.Minimize(a => Profile(a).Objective, low, high, tolerance);
            if (polished.Value < bestValue)
            {
                alpha = polished.X;
            }
        }

        var (objective, e, amplitude) = Profile(alpha);
        return new SaturatingLawEstimate(alpha, e, amplitude, objective, bestIndex == 0 || bestIndex == last);
    }

    /// <summary>g(α) = min over E, A ≥ 0 of Σ w (ȳ − log(E + A N^(−α)))², with the minimising (E, A).</summary>
    public (double Objective, double E, double A) Profile(double alpha)
    {
        for (int i = 0; i < _count; i++)
        {
            _u[i] = Math.Exp(-alpha * _x[i]);

            // Start: linear least squares of L on (1, u) with weights w/L², written as a unit target on scaled columns.
            _a[i] = _inverseL[i];
            _b[i] = _u[i] * _inverseL[i];
            _z[i] = 1;
        }

        var (e, amplitude) = NonNegativeLeastSquares2.Solve(_a, _b, _z, _w);
        double current = Objective(e, amplitude, _f, _r);
        if (!double.IsFinite(current))
        {
            return (double.PositiveInfinity, e, amplitude);
        }

        for (int iteration = 0; iteration < MaxGaussNewtonIterations && current > 0; iteration++)
        {
            // Linearisation at f: log f' ≈ log f + (ΔE + Δa·u)/f, so the target is r + (E + A u)/f = r + 1.
            for (int i = 0; i < _count; i++)
            {
                _a[i] = 1 / _f[i];
                _b[i] = _u[i] / _f[i];
                _z[i] = 1 + _r[i];
            }

            var (eNext, aNext) = NonNegativeLeastSquares2.Solve(_a, _b, _z, _w);
            double t = 1;
            double trial = double.PositiveInfinity;
            double eTrial = e, aTrial = amplitude;
            for (int halving = 0; halving <= MaxHalvings; halving++, t *= 0.5)
            {
                // Convex combinations of feasible points stay feasible.
                eTrial = e + t * (eNext - e);
                aTrial = amplitude + t * (aNext - amplitude);
                trial = Objective(eTrial, aTrial, _trialF, _trialR);
                if (trial < current)
                {
                    break;
                }
            }

            if (!(trial < current))
            {
                break;
            }

            double decrease = current - trial;
            e = eTrial;
            amplitude = aTrial;
            current = trial;
            (_f, _trialF) = (_trialF, _f);
            (_r, _trialR) = (_trialR, _r);
            if (decrease <= RelativeDecreaseTolerance * (current + decrease))
            {
                break;
            }
        }

        return (current, e, amplitude);
    }

    private double Objective(double e, double amplitude, double[] f, double[] r)
    {
        double sum = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_w[i] == 0)
            {
                f[i] = 1;
                r[i] = 0;
                continue;
            }

            f[i] = e + amplitude * _u[i];
            if (!(f[i] > 0))
            {
                return double.PositiveInfinity;
            }

            r[i] = _y[i] - Math.Log(f[i]);
            sum += _w[i] * r[i] * r[i];
        }

        return sum;
    }
}
