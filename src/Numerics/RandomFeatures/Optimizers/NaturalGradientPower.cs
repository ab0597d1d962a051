namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// <c>ng-power</c>: A ← A − η G (H + δI)^(−γ), δ = damping × κ_max, γ = <see cref="OptimizerSettings.Gamma"/>
/// (γ = 1/2 is the large-batch limit of Muon-like updates; γ = 0 is gd, γ = 1 natural gradient).
/// </summary>
public sealed class NaturalGradientPower : IReadoutOptimizer
{
    public string Name => "ng-power";
    public bool IsRotationEquivariant => true;
    public bool HasFixedPreconditioner => true;

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) =>
        PowerPreconditioner.Eigenvalue(kappa, largestKappa, settings.Damping, settings.Gamma);

    public IReadoutUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new PreconditionedGradientDescent(size, preconditioner ?? throw new ArgumentNullException(nameof(preconditioner)));
}
