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
            var sums = NormalSums(u, v, _f, _r, _w);

            double eNext, aNext, bNext = 0;
            bool newton;
            if (v is null)
            {
                newton = sums.Naa > 0 && sums.Naa * sums.Nbb - sums.Nab * sums.Nab > 1e-12 * sums.Naa * sums.Nbb;
                (eNext, aNext) = newton
                    ? NonNegativeLeastSquares2.Solve(sums.Naa, sums.Nab, sums.Nbb, sums.Naz, sums.Nbz)
                    : NonNegativeLeastSquares2.Solve(sums.Gaa, sums.Gab, sums.Gbb, sums.Gaz, sums.Gbz);
            }
            else
            {
                newton = NonNegativeLeastSquares3.IsPositiveDefinite(sums.Naa, sums.Nab, sums.Nac, sums.Nbb, sums.Nbc, sums.Ncc);
                (eNext, aNext, bNext) = newton
                    ? NonNegativeLeastSquares3.Solve(sums.Naa, sums.Nab, sums.Nac, sums.Nbb, sums.Nbc, sums.Ncc, sums.Naz, sums.Nbz, sums.Ncz)
                    : NonNegativeLeastSquares3.Solve(sums.Gaa, sums.Gab, sums.Gac, sums.Gbb, sums.Gbc, sums.Gcc, sums.Gaz, sums.Gbz, sums.Gcz);
            }

            // Converged when the step changes no prediction by more than StepTolerance relatively: Newton's error
            // after such a step is of its square, and the objective is flat to second order there.
            double largestChange = LargestRelativeChange(eNext - e, aNext - amplitude, bNext - time, u, v, _f, _w);

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

    /// <summary>
    /// The Newton and Gauss–Newton normal-equation sums at predictions <paramref name="f"/> and residuals
    /// <paramref name="r"/>, with the time term's when <paramref name="v"/> is given. The arrays are locals of one
    /// length, so the loop runs without bounds checks; every sum is accumulated in point order, term by term as written.
    /// </summary>
    private static NewtonSums NormalSums(double[] u, double[]? v, double[] f, double[] r, double[] weights)
    {
        var sums = default(NewtonSums);
        int n = f.Length;
        if (u.Length != n || r.Length != n || weights.Length != n || (v is not null && v.Length != n))
        {
            throw new ArgumentException("The point arrays differ in length.");
        }

        for (int i = 0; i < n; i++)
        {
            double a = 1 / f[i], b = u[i] / f[i], w = weights[i], r1 = 1 + r[i], r2 = 1 + 2 * r[i];
            double wa = w * a, wb = w * b;
            double waa = wa * a, wab = wa * b, wbb = wb * b;
            sums.Gaa += waa;
            sums.Gab += wab;
            sums.Gbb += wbb;
            sums.Gaz += wa * r1;
            sums.Gbz += wb * r1;
            sums.Naa += waa * r1;
            sums.Nab += wab * r1;
            sums.Nbb += wbb * r1;
            sums.Naz += wa * r2;
            sums.Nbz += wb * r2;
            if (v is not null)
            {
                double c = v[i] / f[i], wc = w * c;
                double wac = wa * c, wbc = wb * c, wcc = wc * c;
                sums.Gac += wac;
                sums.Gbc += wbc;
                sums.Gcc += wcc;
                sums.Gcz += wc * r1;
                sums.Nac += wac * r1;
                sums.Nbc += wbc * r1;
                sums.Ncc += wcc * r1;
                sums.Ncz += wc * r2;
            }
        }

        return sums;
    }

    /// <summary>
    /// The largest |Δf| / f over the points of positive weight for a step (ΔE, ΔA, ΔB) of the coefficients; NaN when
    /// any ratio is NaN (as <see cref="Math.Max(double, double)"/> over them would give, without its cost per point).
    /// </summary>
    private static double LargestRelativeChange(double de, double da, double db, double[] u, double[]? v, double[] f, double[] weights)
    {
        int n = f.Length;
        if (u.Length != n || weights.Length != n || (v is not null && v.Length != n))
        {
            throw new ArgumentException("The point arrays differ in length.");
        }

        double largest = 0;
        bool undefined = false;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] > 0)
            {
                double change = de + da * u[i];
                if (v is not null)
                {
                    change += db * v[i];
                }

                double ratio = Math.Abs(change) / f[i];
                undefined |= double.IsNaN(ratio);
                largest = ratio > largest ? ratio : largest;
            }
        }

        return undefined ? double.NaN : largest;
    }

    /// <summary>
    /// F at (E, A, B), with f and r written to <paramref name="f"/> and <paramref name="r"/>; +∞ (and partly written
    /// buffers) when some prediction of positive weight is not positive.
    /// </summary>
    private double Objective(double e, double amplitude, double time, double[] f, double[] r)
    {
        var u = U;
        var v = V;
        var y = _y;
        var weights = _w;
        int n = f.Length;
        if (u.Length != n || r.Length != n || y.Length != n || weights.Length != n || (v is not null && v.Length != n))
        {
            throw new ArgumentException("The point arrays differ in length.");
        }

        // The predictions first, then the logarithms: the second loop keeps little alive across its calls.
        for (int i = 0; i < n; i++)
        {
            if (weights[i] == 0)
            {
                f[i] = 1;
                r[i] = 0;
                continue;
            }

            double prediction = e + amplitude * u[i];
            if (v is not null)
            {
                prediction += time * v[i];
            }

            f[i] = prediction;
            if (!(prediction > 0))
            {
                return double.PositiveInfinity;
            }
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] != 0)
            {
                double residual = y[i] - Math.Log(f[i]);
                r[i] = residual;
                sum += weights[i] * residual * residual;
            }
        }

        return sum;
    }

    /// <summary>The normal-equation sums of one Newton step: N for Newton's model, G for Gauss–Newton's (see <see cref="Solve"/>).</summary>
    private struct NewtonSums
    {
        public double Naa, Nab, Nbb, Naz, Nbz, Nac, Nbc, Ncc, Ncz;
        public double Gaa, Gab, Gbb, Gaz, Gbz, Gac, Gbc, Gcc, Gcz;
    }
}
