namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits L = E + A·N^(−α), E, A ≥ 0, by minimising the sum of squared log residuals with variable projection:
/// the profile objective g(α) = min over (E, A) ≥ 0 is searched on an α grid and the best grid point is polished by
/// Brent's method over its two neighbouring grid cells. The search is global over the grid, so the result does not
/// depend on a starting value.
/// <para>
/// Inner problem (fixed α): log(E + A u), u = N^(−α), is not linear in (E, A), so it is solved by projected Newton.
/// The point estimate starts from the better of the exact non-negative weighted linear least squares of L on (1, u)
/// with weights 1/L² (the first-order expansion of the log residual at the data) and the solution at the previous
/// α; a bootstrap resample starts from the full data's solution at the same α. Each step minimises Newton's
/// quadratic model exactly under E, A ≥ 0 (two-variable NNLS by active-set enumeration; the Gauss–Newton model where
/// the Hessian is not positive definite) and is halved until the objective does not increase. Iteration stops when a
/// step would change every prediction by under 1e-9 relatively, after a full Newton step under 1e-6 (quadratic
/// convergence leaves an error of its square), or when a step makes no progress. The objective is convex in (E, A)
/// wherever every residual r = log L − log f exceeds −1 (each r² term has second derivative 2(1 + r)/f² in f, and f
/// is linear in (E, A)), i.e. no prediction is e times the data or more, which holds around any fit worth the name;
/// so the minimiser there is unique and the start changes the work, not the answer. The unit tests check that no nearby (E, A, α) and no independent local search
/// does better, and that resample starts give the same fits as starting from scratch.
/// </para>
/// <para>
/// Seeds of one size share N, so Σ over cells of (y − log f)² = Σ over sizes of n·(ȳ − log f)² + within-size scatter:
/// the fit runs on size means weighted by seed counts, which is exact and makes each evaluation cost one pass over
/// the sizes. An instance holds work buffers and is not thread-safe.
/// </para>
/// </summary>
internal sealed class SaturatingLawFitter
{
    private const int MaxNewtonIterations = 50;
    private const int MaxHalvings = 20;
    private const double StepTolerance = 1e-9;
    private const double NewtonStepTolerance = 1e-6;

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

    /// <summary>Search over <paramref name="gridPoints"/> (ascending), then Brent polish to <paramref name="tolerance"/> in α (<see cref="AlphaProfileSearch.Search"/>).</summary>
    public SaturatingLawEstimate Fit(double[] gridPoints, double tolerance, (double E, double A)[]? gridStarts = null) =>
        AlphaProfileSearch.Search(gridPoints, tolerance, gridStarts, Profile);

    /// <summary>The minimising (E, A) at each grid point, each started from the previous one's solution.</summary>
    public (double E, double A)[] GridSolutions(double[] gridPoints) => AlphaProfileSearch.GridSolutions(gridPoints, Profile);

    /// <summary>g(α) = min over E, A ≥ 0 of Σ w (ȳ − log(E + A N^(−α)))², with the minimising (E, A).</summary>
    /// <param name="alpha">The exponent.</param>
    /// <param name="warmE">Optional start (e.g. the solution at a neighbouring α or on the full data); 0, 0 for none.</param>
    /// <param name="warmA">Its A.</param>
    /// <param name="linearStart">Also try the linear least-squares start and keep the better of the two.</param>
    public (double Objective, double E, double A) Profile(double alpha, double warmE = 0, double warmA = 0, bool linearStart = true)
    {
        for (int i = 0; i < _count; i++)
        {
            _u[i] = Math.Exp(-alpha * _x[i]);
        }

        double e = 0, amplitude = 0, current = double.PositiveInfinity;
        if (warmE > 0 || warmA > 0)
        {
            (e, amplitude) = (warmE, warmA);
            current = Objective(e, amplitude, _f, _r);
        }

        if (linearStart || !double.IsFinite(current))
        {
            // Linear least squares of L on (1, u) with weights w/L², written as a unit target on scaled columns.
            for (int i = 0; i < _count; i++)
            {
                _a[i] = _inverseL[i];
                _b[i] = _u[i] * _inverseL[i];
                _z[i] = 1;
            }

            var (eLinear, aLinear) = NonNegativeLeastSquares2.Solve(_a, _b, _z, _w);
            double linear = Objective(eLinear, aLinear, _trialF, _trialR);
            if (linear < current || !double.IsFinite(current))
            {
                (e, amplitude, current) = (eLinear, aLinear, linear);
                (_f, _trialF) = (_trialF, _f);
                (_r, _trialR) = (_trialR, _r);
            }
        }

        if (!double.IsFinite(current))
        {
            return (double.PositiveInfinity, e, amplitude);
        }

        for (int iteration = 0; iteration < MaxNewtonIterations && current > 0; iteration++)
        {
            // Newton's quadratic model. With J = ∇log f = (1, u)/f and ∇²log f = −J Jᵀ (f is linear in (E, A)),
            // ½∇²F = Σ w (1 + r) J Jᵀ and −½∇F = Σ w r J; as J·p = 1, the model's minimiser over p' ≥ 0 is a
            // two-variable NNLS with normal matrix Σ w (1 + r) J Jᵀ and right-hand side Σ w (1 + 2r) J. Where that
            // matrix is not positive definite (large negative residuals) the Gauss–Newton model is used instead:
            // matrix Σ w J Jᵀ, right-hand side Σ w (1 + r) J.
            double naa = 0, nab = 0, nbb = 0, naz = 0, nbz = 0;
            double gaa = 0, gab = 0, gbb = 0, gaz = 0, gbz = 0;
            for (int i = 0; i < _count; i++)
            {
                double a = 1 / _f[i], b = _u[i] / _f[i], w = _w[i], r = _r[i];
                double wa = w * a, wb = w * b;
                gaa += wa * a;
                gab += wa * b;
                gbb += wb * b;
                gaz += wa * (1 + r);
                gbz += wb * (1 + r);
                naa += wa * a * (1 + r);
                nab += wa * b * (1 + r);
                nbb += wb * b * (1 + r);
                naz += wa * (1 + 2 * r);
                nbz += wb * (1 + 2 * r);
            }

            bool newton = naa > 0 && naa * nbb - nab * nab > 1e-12 * naa * nbb;
            var (eNext, aNext) = newton
                ? NonNegativeLeastSquares2.Solve(naa, nab, nbb, naz, nbz)
                : NonNegativeLeastSquares2.Solve(gaa, gab, gbb, gaz, gbz);

            // Converged when the step changes no prediction by more than StepTolerance relatively: Newton's error
            // after such a step is of its square, and the objective is flat to second order there.
            double largestChange = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_w[i] > 0)
                {
                    largestChange = Math.Max(largestChange, Math.Abs(eNext - e + (aNext - amplitude) * _u[i]) / _f[i]);
                }
            }

            // A step below the tolerance cannot improve anything measurable: stop without trying it (trying it
            // would only meet rounding noise in the line search).
            if (largestChange <= StepTolerance)
            {
                break;
            }

            double t = 1;
            double trial = double.PositiveInfinity;
            double eTrial = e, aTrial = amplitude;
            for (int halving = 0; halving <= MaxHalvings; halving++, t *= 0.5)
            {
                // Convex combinations of feasible points stay feasible.
                eTrial = e + t * (eNext - e);
                aTrial = amplitude + t * (aNext - amplitude);
                trial = Objective(eTrial, aTrial, _trialF, _trialR);
                if (trial <= current)
                {
                    break;
                }
            }

            if (!(trial <= current))
            {
                break;
            }

            // An equal objective is accepted (a step at rounding level is not a failure) but ends the iteration.
            bool progressed = trial < current;
            e = eTrial;
            amplitude = aTrial;
            current = trial;
            (_f, _trialF) = (_trialF, _f);
            (_r, _trialR) = (_trialR, _r);
            // A full Newton step of relative size δ leaves an error of order δ² (quadratic convergence), so a full
            // step under 1e-6 ends the iteration one step early with predictions accurate to about 1e-12.
            bool converged = largestChange <= StepTolerance || (newton && t == 1 && largestChange <= NewtonStepTolerance);
            if (converged || !progressed)
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


