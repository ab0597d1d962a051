using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Population loss of a readout held in another basis (finite data trains in the empirical Hessian's eigenbasis):
/// rotates back A = Ã Uᵀ (a K×N×N product), then evaluates in the standard basis.
/// </summary>
internal sealed class RotatedLossProbe(SymmetricEigendecomposition basis, int outputs, IPopulationLossProbe standard,
    IDenseLinearAlgebra algebra) : IPopulationLossProbe
{
    private readonly double[] _standard = new double[outputs * basis.Order];

    public bool IsCheap => false;

    public long WorkBytes => 8L * _standard.Length + standard.WorkBytes;

    public double Loss(double[] readout, ref double flops)
    {
        var n = basis.Order;
        algebra.Multiply(false, false, outputs, n, n, 1.0, readout, basis.Eigenvectors, 0.0, _standard);
        flops += DenseMatrix.MultiplyFlops(outputs, n, n);
        return standard.Loss(_standard, ref flops);
    }
}
