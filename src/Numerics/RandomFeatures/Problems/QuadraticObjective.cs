using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// L(A) = (1/K)[tr(A H Aᵀ) − 2 tr(A Bᵀ) + c] for a K×N readout A, gradient G = (2/K)(A H − B), Hessian (2/K)·H.
/// H (N×N, symmetric) and B (K×N) are row-major. The eigendecomposition of H and its largest eigenvalue are each
/// computed on first request, once, and shared (thread-safe).
/// </summary>
public sealed class QuadraticObjective
{
    private readonly Lock _gate = new();
    private SymmetricEigendecomposition? _eigen;
    private LargestEigenvalue? _largest;

    public QuadraticObjective(int outputs, int size, double[] hessian, double[] cross, double constant)
    {
        Outputs = outputs;
        Size = size;
        Hessian = hessian;
        Cross = cross;
        Constant = constant;
    }

    public int Outputs { get; }
    public int Size { get; }
    /// <summary>H, N×N row-major, both triangles.</summary>
    public double[] Hessian { get; }
    /// <summary>B, K×N row-major.</summary>
    public double[] Cross { get; }
    /// <summary>c.</summary>
    public double Constant { get; }

    /// <summary>Bytes of H, B and (once computed) the eigendecomposition.</summary>
    public long Bytes => 8L * (Hessian.Length + Cross.Length) + (_eigen?.Bytes ?? 0);

    /// <summary>Bytes of H and B only.</summary>
    public long MatrixBytes => 8L * (Hessian.Length + Cross.Length);

    /// <summary>Loss at A = 0: c / K.</summary>
    public double InitialLoss => Constant / Outputs;

    /// <summary>H's eigendecomposition, computed by <paramref name="algebra"/> on first use.</summary>
    public SymmetricEigendecomposition GetEigendecomposition(IDenseLinearAlgebra algebra)
    {
        lock (_gate)
        {
            return _eigen ??= algebra.Eigendecompose(Size, Hessian);
        }
    }

    /// <summary>H's largest eigenvalue by Lanczos (<see cref="LanczosLargestEigenvalue"/>), computed on first use.</summary>
    public LargestEigenvalue GetLargestEigenvalue(IDenseLinearAlgebra algebra, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _largest ??= LanczosLargestEigenvalue.Compute(Size, Hessian, algebra, cancellationToken);
        }
    }

    /// <summary>
    /// L(A) for a readout in the standard basis, given AH (K×N) already computed: (1/K)Σ[(AH)∘A − 2 A∘B] + c/K.
    /// </summary>
    public double Loss(ReadOnlySpan<double> readout, ReadOnlySpan<double> readoutTimesHessian)
    {
        var sum = 0.0;
        for (var i = 0; i < readout.Length; i++)
        {
            sum += readout[i] * (readoutTimesHessian[i] - 2.0 * Cross[i]);
        }

        return (sum + Constant) / Outputs;
    }

    /// <summary>L(A) for a readout in the standard basis; costs one K×N×N product.</summary>
    public double Loss(double[] readout, IDenseLinearAlgebra algebra)
    {
        var product = new double[readout.Length];
        algebra.Multiply(false, false, Outputs, Size, Size, 1.0, readout, Hessian, 0.0, product);
        return Loss(readout, product);
    }
}
