namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Brent's method for a minimum of a function of one variable on a bracket (golden-section steps safeguarding
/// parabolic interpolation; Brent 1973, as in Numerical Recipes' <c>brent</c>). Started from a known good interior
/// point, e.g. the best point of a grid. A fixed algorithm: the same inputs evaluate the same points. It returns the
/// best point it evaluated, so the result is never worse than the start.
/// </summary>
internal static class BrentMinimizer
{
    private static readonly double GoldenFraction = (3 - Math.Sqrt(5)) / 2;
    private const int MaxIterations = 100;

    /// <param name="f">The function.</param>
    /// <param name="low">Left end of the bracket.</param>
    /// <param name="high">Right end of the bracket.</param>
    /// <param name="start">A point of [low, high] and its value <paramref name="startValue"/>.</param>
    /// <param name="startValue">f(start).</param>
    /// <param name="tolerance">Absolute tolerance on the minimiser.</param>
    public static (double X, double Value) Minimize(Func<double, double> f, double low, double high, double start, double startValue, double tolerance)
    {
        double a = low, b = high;
        double x = start, w = start, v = start;
        double fx = startValue, fw = startValue, fv = startValue;
        double d = 0, e = 0;
        double tol1 = tolerance / 2, tol2 = tolerance;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double middle = (a + b) / 2;
            if (Math.Abs(x - middle) <= tol2 - (b - a) / 2)
            {
                break;
            }

            bool golden = true;
            if (Math.Abs(e) > tol1)
            {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                double previous = e;
                e = d;

                // Accept the parabola's step only if it falls inside the bracket and is under half the step before last.
                if (Math.Abs(p) < Math.Abs(q * previous / 2) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;
                    double trial = x + d;
                    if (trial - a < tol2 || b - trial < tol2)
                    {
                        d = middle >= x ? tol1 : -tol1;
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                e = x >= middle ? a - x : b - x;
                d = GoldenFraction * e;
            }

            double u = Math.Abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
            double fu = f(u);
            if (fu <= fx)
            {
                if (u >= x)
                {
                    a = x;
                }
                else
                {
                    b = x;
                }

                (v, w, x) = (w, x, u);
                (fv, fw, fx) = (fw, fx, fu);
            }
            else
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    b = u;
                }

                if (fu <= fw || w == x)
                {
                    (v, w) = (w, u);
                    (fv, fw) = (fw, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    v = u;
                    fv = fu;
                }
            }
        }

        return (x, fx);
    }
}
