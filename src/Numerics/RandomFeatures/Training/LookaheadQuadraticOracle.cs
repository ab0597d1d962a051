using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// The population objective in the standard basis as both gradient oracle and loss probe, at one K×N×N symmetric
/// product per step: the probe's product A·H after a step is kept and serves the next step's gradient, since the trainer
/// does not touch the readout between the two calls. So the probe is cheap enough to run every step, as in the
/// eigenbasis. For the population regime only (training objective = population objective).
/// </summary>
internal sealed class LookaheadQuadraticOracle(QuadraticObjective objective, IDenseLinearAlgebra algebra)
    : IGradientOracle, IPopulationLossProbe
{
    private readonly double[] _product = new double[objective.Outputs * objective.Size];
    private double[]? _productOf;
    private double _lossOfProduct;

    public bool IsCheap => true;

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
        _lossOfProduct = MultiplyAndLoss(readout, ref flops);
        _productOf = readout;
        return _lossOfProduct;
    }

    private double MultiplyAndLoss(double[] readout, ref double flops)
    {
        int k = objective.Outputs, n = objective.Size;
        // H is symmetric: one triangle is read, half a pass over N².
        algebra.MultiplySymmetric(k, n, readout, objective.Hessian, _product);
        flops += DenseMatrix.MultiplyFlops(k, n, n) + 4.0 * readout.Length;
        return objective.Loss(readout, _product);
    }
}
