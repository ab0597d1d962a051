using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Gradient G = (2/K)(A H − B) of a quadratic objective in the standard basis: one K×N×N product per step. Also the
/// population loss probe in the standard basis.
/// </summary>
/// <remarks>
/// With <paramref name="lookahead"/> (population data, where the training and the population objective are one)
/// the product is a symmetric one (half a pass over H) and the probe's product A·H after a step is kept to serve the
/// next step's gradient, since the trainer does not touch the readout between the two calls: one product per step
/// with the probe run every step, as in the eigenbasis. Without it (finite data, where the two objectives differ,
/// and the online regime's probe) every call multiplies.
/// </remarks>
internal sealed class DenseQuadraticOracle(QuadraticObjective objective, IDenseLinearAlgebra algebra, bool lookahead = false)
    : IGradientOracle, IPopulationLossProbe
{
    private readonly double[] _product = new double[objective.Outputs * objective.Size];
    private double[]? _productOf;
    private double _lossOfProduct;

    public bool IsCheap => lookahead;

    public long WorkBytes => 8L * _product.Length;

    public double Gradient(double[] readout, double[] gradient, int step, ref double flops)
    {
        var loss = ReferenceEquals(_productOf, readout) ? _lossOfProduct : MultiplyAndLoss(readout, ref flops);
        // The update that follows changes the readout in place: the product no longer describes it.
        _productOf = null;
        var scale = 2.0 / objective.Outputs;
        var cross = objective.Cross;
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = scale * (_product[i] - cross[i]);
        }

        flops += 2.0 * gradient.Length;
        return loss;
    }

    public double Loss(double[] readout, ref double flops)
    {
        var loss = MultiplyAndLoss(readout, ref flops);
        if (lookahead)
        {
            (_productOf, _lossOfProduct) = (readout, loss);
        }

        return loss;
    }

    private double MultiplyAndLoss(double[] readout, ref double flops)
    {
        int k = objective.Outputs, n = objective.Size;
        if (lookahead)
        {
            algebra.MultiplySymmetric(k, n, readout, objective.Hessian, _product);
        }
        else
        {
            algebra.Multiply(false, false, k, n, n, 1.0, readout, objective.Hessian, 0.0, _product);
        }

        flops += DenseMatrix.MultiplyFlops(k, n, n) + 4.0 * readout.Length;
        return objective.Loss(readout, _product);
    }
}
