namespace Orchestrator.FitCoverage;

/// <summary>A known law L = E + A·N^(−α) that a replicate's losses are drawn from, for one optimizer.</summary>
internal sealed record TrueLaw(string Optimizer, double E, double A, double Alpha);
