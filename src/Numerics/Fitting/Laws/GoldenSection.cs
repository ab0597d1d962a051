namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Golden-section minimisation of a function of one variable on a bracket. A fixed algorithm with no random
/// elements: the same bracket and tolerance always evaluate the same points. It returns the best point it evaluated,
/// so it never does worse than the bracket's interior start.
/// </summary>
internal static class GoldenSection
{
    private static readonly double InverseGolden = (Math.Sqrt(5) - 1) / 2;

    public static (double X, double Value) Minimize(Func<double, double> f, double low, double high, double tolerance)
    {
        double c = high - InverseGolden * (high - low);
        double d = low + InverseGolden * (high - low);
        double fc = f(c), fd = f(d);
        (double X, double Value) best = fc <= fd ? (c, fc) : (d, fd);
        while (high - low > tolerance)
        {
            if (fc <= fd)
            {
                high = d;
                d = c;
                fd = fc;
                c = high - InverseGolden * (high - low);
                fc = f(c);
                if (fc < best.Value)
                {
                    best = (c, fc);
                }
            }
            else
            {
                low = c;
                c = d;
                fc = fd;
                d = low + InverseGolden * (high - low);
                fd = f(d);
                if (fd < best.Value)
                {
                    best = (d, fd);
                }
            }
        }

        return best;
    }
}
