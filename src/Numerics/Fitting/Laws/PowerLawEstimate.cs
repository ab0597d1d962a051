namespace Orchestrator.Numerics.Fitting;

/// <summary>A power-law fit log L = log A − α log N: exponent, coefficient and the weighted residual sum over size means.</summary>
internal readonly record struct PowerLawEstimate(double Alpha, double LogCoefficient, double BetweenSizeRss, double WeightedSxx)
{
    public double Coefficient => Math.Exp(LogCoefficient);
}
