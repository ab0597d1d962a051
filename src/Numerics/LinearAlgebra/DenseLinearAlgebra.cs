namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>Chooses the dense linear algebra: native OpenBLAS when it loads, the managed provider otherwise.</summary>
public static class DenseLinearAlgebra
{
    /// <summary>Environment variable that forces the managed provider when set to <c>managed</c>.</summary>
    public const string ProviderVariable = "ORCHESTRATOR_DENSE_LINEAR_ALGEBRA";

    private static readonly Lazy<IDenseLinearAlgebra> Best = new(() =>
        NativeBlas.IsAvailable && Environment.GetEnvironmentVariable(ProviderVariable) != "managed"
            ? NativeDenseLinearAlgebra.Instance
            : ManagedDenseLinearAlgebra.Instance);

    /// <summary>
    /// Native OpenBLAS if <c>libopenblas.so.0</c> loads and works, else the MathNet managed provider (also when
    /// <see cref="ProviderVariable"/> is <c>managed</c>). Both give the same results within 1e-12 relative.
    /// </summary>
    public static IDenseLinearAlgebra Default => Best.Value;
}
