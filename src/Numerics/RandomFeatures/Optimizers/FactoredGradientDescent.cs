using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// A ← A − η·G·P with P = (H + δI)⁻¹ applied in the standard basis through the Cholesky factor of H + δI: one
/// solve per step (half a pass over n² natively) instead of H's eigendecomposition. The same step as
/// <see cref="PreconditionedGradientDescent"/> in the eigenbasis, up to rounding. Stateless; the factor belongs to
/// the trainer. Flops: the solve's 2KN² plus 2 per entry.
/// </summary>
internal sealed class FactoredGradientDescent(int outputs, ICholeskyFactor factor) : IParameterUpdate
{
    public long StateBytes => 0;

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        var flops = factor.SolveRows(outputs, gradient);
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }

        return flops + 2.0 * parameters.Length;
    }
}
