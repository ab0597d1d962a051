using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Gradient G = (2/K)(A H − B) of a quadratic objective in the standard basis: one K×N×N product per step. Also the
/// population loss probe in the standard basis.
/// </summary>
internal sealed class DenseQuadraticOracle(QuadraticObjective objective, IDenseLinearAlgebra algebra)
    : IGradientOracle, IPopulationLossProbe
{
    private readonly double[] _product = new double[objective.Outputs * objective.Size];

    public bool IsCheap => false;

    public long WorkBytes => 8L * _product.Length;

    public double Gradient(double[] readout, double[] gradient, int step, ref double flops)
    {
        var loss = MultiplyAndLoss(readout, ref flops);
        var scale = 2.0 / objective.Outputs;
        var cross = objective.Cross;
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = scale * (_product[i] - cross[i]);
        }

        flops += 2.0 * gradient.Length;
        return loss;
    }

    public double Loss(double[] readout, ref double flops) => MultiplyAndLoss(readout, ref flops);

    private double MultiplyAndLoss(double[] readout, ref double flops)
    {
        int k = objective.Outputs, n = objective.Size;
        algebra.Multiply(false, false, k, n, n, 1.0, readout, objective.Hessian, 0.0, _product);
        flops += DenseMatrix.MultiplyFlops(k, n, n) + 4.0 * readout.Length;
        return objective.Loss(readout, _product);
    }
}
