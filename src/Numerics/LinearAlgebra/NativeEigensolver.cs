namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>Which LAPACK driver computes symmetric eigendecompositions natively.</summary>
public enum NativeEigensolver
{
    /// <summary><c>dsyevr</c> (multiple relatively robust representations): O(n) workspace.</summary>
    RelativelyRobust,

    /// <summary><c>dsyevd</c> (divide and conquer): 2n² doubles of workspace.</summary>
    DivideAndConquer,
}
