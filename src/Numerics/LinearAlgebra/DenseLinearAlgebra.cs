namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>Chooses the dense linear algebra: native OpenBLAS when it loads, the managed provider otherwise.</summary>
public static class DenseLinearAlgebra
{
    private static readonly Lazy<IDenseLinearAlgebra> Best = new(() =>
        NativeBlas.IsAvailable ? NativeDenseLinearAlgebra.Instance : ManagedDenseLinearAlgebra.Instance);

    /// <summary>Native OpenBLAS if <c>libopenblas.so.0</c> loads and works, else the MathNet managed provider.</summary>
    public static IDenseLinearAlgebra Default => Best.Value;
}
