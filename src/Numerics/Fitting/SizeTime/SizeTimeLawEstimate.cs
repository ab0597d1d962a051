namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A size × time law fit L = E + A·N^(−α) + B·τ^(−β). <see cref="Objective"/> is Σ_points w (ȳ − log f)² over the
/// pooled points; the full sum of squared log residuals adds their within-point scatter. The edge flags are set when
/// an exponent that was searched ended on the first or last point of its grid or on its range's bound.
/// </summary>
internal readonly record struct SizeTimeLawEstimate(
    double Alpha, double Beta, LawCoefficients Coefficients, double Objective, bool AlphaAtEdge, bool BetaAtEdge);
