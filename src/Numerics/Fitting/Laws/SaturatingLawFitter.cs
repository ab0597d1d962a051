namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits L = E + A·N^(−α), E, A ≥ 0, by minimising the sum of squared log residuals with variable projection:
/// the profile objective g(α) = min over (E, A) ≥ 0 is searched on an α grid and the best grid point is polished by
/// Brent's method over its two neighbouring grid cells. The search is global over the grid, so the result does not
/// depend on a starting value.
/// <para>
/// Inner problem (fixed α): projected Newton on (E, A) (<see cref="NonNegativeLogLeastSquares"/>). The point estimate
/// starts it from the better of the linear least-squares start and the solution at the previous α; a bootstrap
/// resample starts from the full data's solution at the same α. The unit tests check that no nearby (E, A, α) and no
/// independent local search does better, and that resample starts give the same fits as starting from scratch.
/// </para>
/// <para>
/// Seeds of one size share N, so Σ over cells of (y − log f)² = Σ over sizes of n·(ȳ − log f)² + within-size scatter:
/// the fit runs on size means weighted by seed counts, which is exact and makes each evaluation cost one pass over
/// the sizes. An instance holds work buffers and is not thread-safe.
/// </para>
/// </summary>
internal sealed class SaturatingLawFitter
{
    private readonly double[] _x;
    private readonly NonNegativeLogLeastSquares _inner;

    /// <param name="logSizes">ln N per size.</param>
    /// <param name="meanLogLoss">Mean ln L per size.</param>
    /// <param name="weights">Seed count per size (0 drops the size).</param>
    public SaturatingLawFitter(ReadOnlySpan<double> logSizes, ReadOnlySpan<double> meanLogLoss, ReadOnlySpan<double> weights)
    {
        _x = logSizes.ToArray();
        _inner = new NonNegativeLogLeastSquares(meanLogLoss, weights, timeTerm: false);
    }

    /// <summary>Replaces the size means (same sizes), so that one instance serves every bootstrap resample.</summary>
    public void SetData(ReadOnlySpan<double> meanLogLoss, ReadOnlySpan<double> weights) => _inner.SetData(meanLogLoss, weights);

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
        var u = _inner.U;
        for (int i = 0; i < _x.Length; i++)
        {
            u[i] = Math.Exp(-alpha * _x[i]);
        }

        var (objective, coefficients) = _inner.Solve(new LawCoefficients(warmE, warmA), linearStart);
        return (objective, coefficients.E, coefficients.A);
    }
}


