namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// <c>natural-gradient</c>: A ← A − η G (H + δI)^(−1), δ = damping × κ_max. With lr auto the step size is
/// 1/max_i[(2/K)κ_i/(κ_i + δ)], so as δ → 0 one step lands on the minimum-norm minimiser.
/// </summary>
public sealed class NaturalGradient : IReadoutOptimizer
{
    public string Name => "natural-gradient";
    public bool IsRotationEquivariant => true;
    public bool HasFixedPreconditioner => true;

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) =>
        PowerPreconditioner.Eigenvalue(kappa, largestKappa, settings.Damping, 1.0);

    public IReadoutUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new PreconditionedGradientDescent(size, preconditioner ?? throw new ArgumentNullException(nameof(preconditioner)));
}
