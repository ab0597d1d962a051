namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A size law fitted by <see cref="LawEstimator"/>: L = E + A·N^(−α) (E = 0 for the power law). <see cref="AtGridEdge"/>
/// is set when a fitted α was the first or last point of its grid.
/// </summary>
internal readonly record struct LawEstimate(double Alpha, double E, double A, bool AtGridEdge)
{
    /// <summary>The fitted ln L at ln N = <paramref name="logSize"/>.</summary>
    public double LogLossAt(double logSize) => Math.Log(E + A * Math.Exp(-Alpha * logSize));
}
