namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The α search of the saturating law: a grid from <see cref="Min"/> to <see cref="Max"/> with spacing
/// <see cref="Step"/> for the point estimate, and <see cref="BootstrapStep"/> for each bootstrap resample; in both
/// cases the best grid point is then polished by Brent's method over its two neighbouring grid cells.
/// The default 0.005…3 in steps of 0.005 (600 points) and 0.1 (31 points) covers every exponent a scaling study
/// reports; a minimum on the edge is flagged <see cref="FitFlags.AlphaAtBound"/>.
/// </summary>
public sealed record AlphaGrid(double Min, double Max, double Step, double BootstrapStep)
{
    /// <summary>0.005…3, step 0.005 for the point estimate and 0.1 for bootstrap resamples.</summary>
    public static AlphaGrid Default { get; } = new(0.005, 3.0, 0.005, 0.1);

    /// <summary>The grid points for spacing <paramref name="step"/>, from Min to Max inclusive (the last point is Max).</summary>
    internal double[] Points(double step)
    {
        if (!(Min > 0) || !(Max > Min) || !(step > 0))
        {
            throw new ArgumentException($"Invalid α grid {Min}…{Max} step {step}.");
        }

        int intervals = (int)Math.Ceiling((Max - Min) / step - 1e-9);
        var points = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++)
        {
            // Computed from the index, not accumulated, so the grid is exact to rounding and reproducible.
            points[i] = Math.Min(Max, Min + i * step);
        }

        return points;
    }
}
