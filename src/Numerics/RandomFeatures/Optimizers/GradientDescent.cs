namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary><c>gd</c>: A ← A − η G. P = I.</summary>
public sealed class GradientDescent : IReadoutOptimizer
{
    public string Name => "gd";
    public bool IsRotationEquivariant => true;
    public bool HasFixedPreconditioner => true;

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) => 1.0;

    public IReadoutUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new PreconditionedGradientDescent(size, null);
}
