namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A saturating-law fit L = E + A·N^(−α). <see cref="BetweenSizeObjective"/> is Σ_sizes n (ȳ − log(E + A N^(−α)))²;
/// the full sum of squared log residuals adds the within-size scatter. <see cref="AtGridEdge"/> is set when the best
/// grid point was the first or last.
/// </summary>
internal readonly record struct SaturatingLawEstimate(double Alpha, double E, double A, double BetweenSizeObjective, bool AtGridEdge);
