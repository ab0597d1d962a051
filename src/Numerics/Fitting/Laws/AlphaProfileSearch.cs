namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The saturating law's search over α, whatever the objective: the profile g(α) = min over E, A ≥ 0 is evaluated on
/// an ascending grid and the best grid point is polished by Brent's method over its two neighbouring grid cells.
/// The search is global over the grid, so the result does not depend on a starting value.
/// </summary>
internal static class AlphaProfileSearch
{
    /// <summary>
    /// g(α) with the minimising (E, A), started from (<paramref name="warmE"/>, <paramref name="warmA"/>) (0, 0 for
    /// none); <paramref name="linearStart"/> also tries the linear least-squares start and keeps the better.
    /// </summary>
    public delegate (double Objective, double E, double A) Profile(double alpha, double warmE, double warmA, bool linearStart);

    /// <summary>Search over <paramref name="gridPoints"/> (ascending), then Brent polish to <paramref name="tolerance"/> in α.</summary>
    /// <param name="gridPoints">The α grid.</param>
    /// <param name="tolerance">Absolute tolerance of the polish in α.</param>
    /// <param name="gridStarts">
    /// Optional start for each grid point: the solution on the full data at the same α, when fitting a bootstrap
    /// resample, which is then the only start (the polish starts from the best grid point's solution). Without it,
    /// each profile takes the better of the linear least-squares start and the previous grid point's solution.
    /// </param>
    /// <param name="profile">The profile of the objective.</param>
    public static SaturatingLawEstimate Search(double[] gridPoints, double tolerance, (double E, double A)[]? gridStarts, Profile profile)
    {
        int bestIndex = 0;
        var best = (Objective: double.PositiveInfinity, E: 0.0, A: 0.0);
        var previous = (E: 0.0, A: 0.0);
        for (int i = 0; i < gridPoints.Length; i++)
        {
            var start = gridStarts is null ? previous : gridStarts[i];
            var solution = profile(gridPoints[i], start.E, start.A, gridStarts is null);
            previous = (solution.E, solution.A);
            if (solution.Objective < best.Objective)
            {
                best = solution;
                bestIndex = i;
            }
        }

        double alpha = gridPoints[bestIndex];
        int last = gridPoints.Length - 1;
        if (double.IsFinite(best.Objective) && last > 0)
        {
            double low = gridPoints[Math.Max(bestIndex - 1, 0)];
            double high = gridPoints[Math.Min(bestIndex + 1, last)];
            var warm = best;
            bool linearStart = gridStarts is null;
            var polished = BrentMinimizer.Minimize(a => profile(a, warm.E, warm.A, linearStart).Objective, low, high, alpha, best.Objective, tolerance);
            if (polished.Value < best.Objective)
            {
                alpha = polished.X;
                best = profile(alpha, warm.E, warm.A, linearStart);
            }
        }

        return new SaturatingLawEstimate(alpha, best.E, best.A, best.Objective, bestIndex == 0 || bestIndex == last);
    }

    /// <summary>The minimising (E, A) at each grid point, each started from the previous one's solution.</summary>
    public static (double E, double A)[] GridSolutions(double[] gridPoints, Profile profile)
    {
        var solutions = new (double E, double A)[gridPoints.Length];
        var previous = (E: 0.0, A: 0.0);
        for (int i = 0; i < gridPoints.Length; i++)
        {
            var solution = profile(gridPoints[i], previous.E, previous.A, true);
            solutions[i] = previous = (solution.E, solution.A);
        }

        return solutions;
    }
}
