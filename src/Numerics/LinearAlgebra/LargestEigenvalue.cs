namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>κ_max of a symmetric matrix, with the Lanczos iterations and flops it took.</summary>
public sealed record LargestEigenvalue(double Value, int Iterations, double Flops);
