namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The inner problem of the laws fitted by variable projection: for fixed exponents, minimise
/// F = Σ w (y − log f)², f = E + A·u (+ B·v with the time term), over E, A (, B) ≥ 0, where u = N^(−α) and
/// v = τ^(−β) are given per point (<see cref="U"/>, <see cref="V"/>). log f is not linear in the coefficients, so it
/// is solved by projected Newton.
/// <para>
/// The start is the better of the given warm start and (when asked) the exact non-negative weighted linear least
/// squares of L on (1, u (, v)) with weights 1/L² (the first-order expansion of the log residual at the data). Each
/// step minimises Newton's quadratic model exactly under the bounds (NNLS by active-set enumeration; the Gauss–Newton
/// model where the Hessian is not positive definite) and is halved until the objective does not increase. Iteration
/// stops when a step would change every prediction by under 1e-9 relatively, after a full Newton step under 1e-6
/// (quadratic convergence leaves an error of its square), or when a step makes no progress. F is convex in the
/// coefficients wherever every residual r = y − log f exceeds −1 (each r² term has second derivative 2(1 + r)/f² in
/// f, and f is linear in them), i.e. no prediction is e times the data or more, which holds around any fit worth the
/// name; so the minimiser there is unique and the start changes the work, not the answer.
/// </para>
/// <para>
/// Points are whatever the caller aggregates (size means for the saturating law, (size, τ) means for the size × time
/// law) with their weights; a point of weight 0 is ignored. After <see cref="Solve"/>, <see cref="Predictions"/> and
/// <see cref="Residuals"/> hold f and r at the returned coefficients. An instance holds work buffers and is not
/// thread-safe.
/// </para>
/// </summary>
internal sealed class NonNegativeLogLeastSquares
{
    private const int MaxNewtonIterations = 50;
    private const int MaxHalvings = 20;
    private const double StepTolerance = 1e-9;
    private const double NewtonStepTolerance = 1e-6;

    private readonly int _count;
    private readonly double[] _y, _w, _inverseL;
    private readonly double[] _a, _b, _c, _z;
    private double[] _f, _r, _trialF, _trialR;

    /// <param name="logLoss">Mean ln L per point.</param>
    /// <param name="weights">Weight per point (0 drops the point).</param>
    /// <param name="timeTerm">Whether f has the third term B·v.</param>
    public NonNegativeLogLeastSquares(ReadOnlySpan<double> logLoss, ReadOnlySpan<double> weights, bool timeTerm)
    {
        _count = logLoss.Length;
        _y = logLoss.ToArray();
        _w = weights.ToArray();
        _inverseL = new double[_count];
        for (int i = 0; i < _count; i++)
        {
            _inverseL[i] = Math.Exp(-_y[i]);
        }

        U = new double[_count];
        V = timeTerm ? new double[_count] : null;
        _a = new double[_count];
        _b = new double[_count];
        _c = timeTerm ? new double[_count] : [];
        _z = new double[_count];
        _f = new double[_count];
        _r = new double[_count];
        _trialF = new double[_count];
        _trialR = new double[_count];
    }

    /// <summary>u = N^(−α) per point; the caller fills it for the exponent at hand.</summary>
    public double[] U { get; }

    /// <summary>v = τ^(−β) per point with the time term (the caller fills it); null without.</summary>
    public double[]? V { get; }

    /// <summary>f at the coefficients <see cref="Solve"/> returned.</summary>
    public ReadOnlySpan<double> Predictions => _f;

    /// <summary>r = y − log f at the coefficients <see cref="Solve"/> returned (0 at points of weight 0).</summary>
    public ReadOnlySpan<double> Residuals => _r;

    /// <summary>The point data.</summary>
    public ReadOnlySpan<double> LogLoss => _y;

    /// <summary>The point weights.</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <summary>Replaces the point data (same points), so that one instance serves every bootstrap resample.</summary>
    public void SetData(ReadOnlySpan<double> logLoss, ReadOnlySpan<double> weights)
    {
        logLoss.CopyTo(_y);
        weights.CopyTo(_w);
        for (int i = 0; i < _count; i++)
        {
            _inverseL[i] = Math.Exp(-_y[i]);
        }
    }

    /// <summary>min over the coefficients ≥ 0 of F for the current <see cref="U"/> (and <see cref="V"/>), with the minimiser.</summary>
    /// <param name="warm">Optional start (e.g. the solution at neighbouring exponents or on the full data); all 0 for none.</param>
    /// <param name="linearStart">Also try the linear least-squares start and keep the better of the two.</param>
    public (double Objective, LawCoefficients Coefficients) Solve(LawCoefficients warm, bool linearStart)
    {
        var u = U;
        var v = V;
        double e = 0, amplitude = 0, time = 0, current = double.PositiveInfinity;
        if (warm.E > 0 || warm.A > 0 || warm.B > 0)
        {
            (e, amplitude, time) = (warm.E, warm.A, v is null ? 0 : warm.B);
            current = Objective(e, amplitude, time, _f, _r);
        }

        if (linearStart || !double.IsFinite(current))
        {
            // Linear least squares of L on (1, u (, v)) with weights w/L², written as a unit target on scaled columns.
            for (int i = 0; i < _count; i++)
            {
                _a[i] = _inverseL[i];
                _b[i] = u[i] * _inverseL[i];
                _z[i] = 1;
            }

            double eLinear, aLinear, bLinear = 0;
            if (v is null)
            {
                (eLinear, aLinear) = NonNegativeLeastSquares2.Solve(_a, _b, _z, _w);
            }
            else
            {
                for (int i = 0; i < _count; i++)
                {
                    _c[i] = v[i] * _inverseL[i];
                }

                (eLinear, aLinear, bLinear) = NonNegativeLeastSquares3.Solve(_a, _b, _c, _z, _w);
            }

            double linear = Objective(eLinear, aLinear, bLinear, _trialF, _trialR);
            if (linear < current || !double.IsFinite(current))
            {
                (e, amplitude, time, current) = (eLinear, aLinear, bLinear, linear);
                (_f, _trialF) = (_trialF, _f);
                (_r, _trialR) = (_trialR, _r);
            }
        }

        if (!double.IsFinite(current))
        {
            return (double.PositiveInfinity, new LawCoefficients(e, amplitude, time));
        }

        for (int iteration = 0; iteration < MaxNewtonIterations && current > 0; iteration++)
        {
            // Newton's quadratic model. With J = ∇log f = (1, u (, v))/f and ∇²log f = −J Jᵀ (f is linear in the
            // coefficients), ½∇²F = Σ w (1 + r) J Jᵀ and −½∇F = Σ w r J; as J·p = 1, the model's minimiser over
            // p' ≥ 0 is an NNLS with normal matrix Σ w (1 + r) J Jᵀ and right-hand side Σ w (1 + 2r) J. Where that
            // matrix is not positive definite (large negative residuals) the Gauss–Newton model is used instead:
            // matrix Σ w J Jᵀ, right-hand side Σ w (1 + r) J.
            double naa = 0, nab = 0, nbb = 0, naz = 0, nbz = 0;
            double gaa = 0, gab = 0, gbb = 0, gaz = 0, gbz = 0;
            double nac = 0, nbc = 0, ncc = 0, ncz = 0;
            double gac = 0, gbc = 0, gcc = 0, gcz = 0;
            for (int i = 0; i < _count; i++)
            {
                double a = 1 / _f[i], b = u[i] / _f[i], w = _w[i], r = _r[i];
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
                if (v is not null)
                {
                    double c = v[i] / _f[i], wc = w * c;
                    gac += wa * c;
                    gbc += wb * c;
                    gcc += wc * c;
                    gcz += wc * (1 + r);
                    nac += wa * c * (1 + r);
                    nbc += wb * c * (1 + r);
                    ncc += wc * c * (1 + r);
                    ncz += wc * (1 + 2 * r);
                }
            }

            double eNext, aNext, bNext = 0;
            bool newton;
            if (v is null)
            {
                newton = naa > 0 && naa * nbb - nab * nab > 1e-12 * naa * nbb;
                (eNext, aNext) = newton
                    ? NonNegativeLeastSquares2.Solve(naa, nab, nbb, naz, nbz)
                    : NonNegativeLeastSquares2.Solve(gaa, gab, gbb, gaz, gbz);
            }
            else
            {
                newton = NonNegativeLeastSquares3.IsPositiveDefinite(naa, nab, nac, nbb, nbc, ncc);
                (eNext, aNext, bNext) = newton
                    ? NonNegativeLeastSquares3.Solve(naa, nab, nac, nbb, nbc, ncc, naz, nbz, ncz)
                    : NonNegativeLeastSquares3.Solve(gaa, gab, gac, gbb, gbc, gcc, gaz, gbz, gcz);
            }

            // Converged when the step changes no prediction by more than StepTolerance relatively: Newton's error
            // after such a step is of its square, and the objective is flat to second order there.
            double largestChange = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_w[i] > 0)
                {
                    double change = eNext - e + (aNext - amplitude) * u[i];
                    if (v is not null)
                    {
                        change += (bNext - time) * v[i];
                    }

                    largestChange = Math.Max(largestChange, Math.Abs(change) / _f[i]);
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
            double eTrial = e, aTrial = amplitude, bTrial = time;
            for (int halving = 0; halving <= MaxHalvings; halving++, t *= 0.5)
            {
                // Convex combinations of feasible points stay feasible.
                eTrial = e + t * (eNext - e);
                aTrial = amplitude + t * (aNext - amplitude);
                bTrial = time + t * (bNext - time);
                trial = Objective(eTrial, aTrial, bTrial, _trialF, _trialR);
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
            time = bTrial;
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

        return (current, new LawCoefficients(e, amplitude, time));
    }

    private double Objective(double e, double amplitude, double time, double[] f, double[] r)
    {
        var u = U;
        var v = V;
        double sum = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_w[i] == 0)
            {
                f[i] = 1;
                r[i] = 0;
                continue;
            }

            f[i] = e + amplitude * u[i];
            if (v is not null)
            {
                f[i] += time * v[i];
            }

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
