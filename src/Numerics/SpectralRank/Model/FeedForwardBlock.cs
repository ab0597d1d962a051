using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;

namespace Orchestrator.Numerics.SpectralRank.Model;

/// <summary>
/// The FFN block f(x) = W₂ relu(W₁x)² with W₁ ∈ R^(D×d), W₂ ∈ R^(K×D), both started with N(0, 1/fan_in) entries from
/// per-row streams seeded by (task, D): every optimizer at a (task, width, seed) starts from the same weights.
/// </summary>
public sealed class FeedForwardBlock
{
    public FeedForwardBlock(TokenTask task, int width)
    {
        InputDim = task.EmbedDim;
        Width = width;
        Outputs = task.Outputs;
        var root = SplitMix64.Combine(task.Root, (ulong)width);
        Input = TokenTask.Gaussian(width, InputDim, 1.0 / Math.Sqrt(InputDim), root, StreamPurpose.StudentInput);
        Output = TokenTask.Gaussian(Outputs, width, 1.0 / Math.Sqrt(width), root, StreamPurpose.StudentOutput);
    }

    public int InputDim { get; }

    /// <summary>Hidden width D.</summary>
    public int Width { get; }

    public int Outputs { get; }

    /// <summary>W₁, D×d row-major (fan_out D, fan_in d).</summary>
    public double[] Input { get; }

    /// <summary>W₂, K×D row-major (fan_out K, fan_in D).</summary>
    public double[] Output { get; }

    /// <summary>Bytes of the two weight matrices.</summary>
    public long Bytes => 8L * (Input.Length + Output.Length);

    /// <summary>
    /// Forward pass of n inputs (n×d row-major in <paramref name="inputs"/>): pre-activations Z = X W₁ᵀ (n×D), hidden
    /// activations H = relu(Z)² (n×D) and outputs H W₂ᵀ (n×K). Returns the flops.
    /// </summary>
    public double Forward(int n, double[] inputs, double[] preActivations, double[] hidden, double[] outputs, IDenseLinearAlgebra algebra)
    {
        algebra.Multiply(false, true, n, Width, InputDim, 1.0, inputs, Input, 0.0, preActivations);
        var count = (long)n * Width;
        for (long i = 0; i < count; i++)
        {
            var z = preActivations[i];
            hidden[i] = z > 0 ? z * z : 0.0;
        }

        algebra.Multiply(false, true, n, Outputs, Width, 1.0, hidden, Output, 0.0, outputs);
        return DenseMatrix.MultiplyFlops(n, Width, InputDim) + 2.0 * count + DenseMatrix.MultiplyFlops(n, Outputs, Width);
    }

    /// <summary>
    /// Gradients of a loss given ∂loss/∂outputs (n×K, overwritten by nothing): ∂W₂ = Gᵀ H, ∂H = G W₂,
    /// ∂Z = ∂H ⊙ 2 relu(Z) (written into <paramref name="hiddenGradient"/>), ∂W₁ = ∂Zᵀ X. Returns the flops.
    /// </summary>
    public double Backward(int n, double[] inputs, double[] preActivations, double[] hidden, double[] outputGradient,
        double[] hiddenGradient, double[] inputWeightGradient, double[] outputWeightGradient, IDenseLinearAlgebra algebra)
    {
        algebra.Multiply(true, false, Outputs, Width, n, 1.0, outputGradient, hidden, 0.0, outputWeightGradient);
        algebra.Multiply(false, false, n, Width, Outputs, 1.0, outputGradient, Output, 0.0, hiddenGradient);
        var count = (long)n * Width;
        for (long i = 0; i < count; i++)
        {
            var z = preActivations[i];
            hiddenGradient[i] = z > 0 ? 2.0 * z * hiddenGradient[i] : 0.0;
        }

        algebra.Multiply(true, false, Width, InputDim, n, 1.0, hiddenGradient, inputs, 0.0, inputWeightGradient);
        return DenseMatrix.MultiplyFlops(Outputs, Width, n) + DenseMatrix.MultiplyFlops(n, Width, Outputs)
            + 3.0 * count + DenseMatrix.MultiplyFlops(Width, InputDim, n);
    }
}
