namespace Orchestrator.Numerics.Fitting;

/// <summary>The linear coefficients of E + A·u + B·v (u = N^(−α), v = τ^(−β)); B is 0 for the saturating law.</summary>
internal readonly record struct LawCoefficients(double E, double A, double B = 0);
