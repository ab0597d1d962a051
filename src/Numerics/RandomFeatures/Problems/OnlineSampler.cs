using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// Draws the minibatches of the <c>online:B</c> regime: x = Λ^½ z with z ~ N(0, I_M), features φ = F x and targets
/// y = W* x. Holds G = F Λ^½ (N×M) and W̃ = W* Λ^½ (K×M), so φ = G z and y = W̃ z. Minibatch t uses streams
/// (root, online, t, b), hence it is the same for every optimizer and independent of threads.
/// </summary>
public sealed class OnlineSampler
{
    private readonly ulong _rootSeed;

    internal OnlineSampler(ulong rootSeed, int batchSize, int latentDim, int size, int outputs,
        double[] scaledFeatures, double[] scaledTarget)
    {
        _rootSeed = rootSeed;
        BatchSize = batchSize;
        LatentDim = latentDim;
        Size = size;
        Outputs = outputs;
        ScaledFeatures = scaledFeatures;
        ScaledTarget = scaledTarget;
    }

    public int BatchSize { get; }
    public int LatentDim { get; }
    public int Size { get; }
    public int Outputs { get; }
    /// <summary>G = F Λ^½, N×M row-major.</summary>
    public double[] ScaledFeatures { get; }
    /// <summary>W̃ = W* Λ^½, K×M row-major.</summary>
    public double[] ScaledTarget { get; }

    public long Bytes => 8L * (ScaledFeatures.Length + ScaledTarget.Length);

    /// <summary>Fills <paramref name="latent"/> (B×M) with the standard normals of minibatch <paramref name="step"/>.</summary>
    public void DrawLatent(int step, double[] latent)
    {
        var m = LatentDim;
        KernelParallelism.For(0, BatchSize, CancellationToken.None, b =>
        {
            var rng = new Xoshiro256StarStar(StreamSeeds.Derive(_rootSeed, StreamPurpose.OnlineSamples, (ulong)step, (ulong)b));
            var row = latent.AsSpan(b * m, m);
            for (var j = 0; j < m; j++)
            {
                row[j] = rng.NextStandardNormal();
            }
        });
    }

    /// <summary>Features Φ = Z Gᵀ (B×N) and targets Y = Z W̃ᵀ (B×K) of a latent minibatch Z. Returns the flops.</summary>
    public double Featurize(IDenseLinearAlgebra algebra, double[] latent, double[] features, double[] targets)
    {
        algebra.Multiply(false, true, BatchSize, Size, LatentDim, 1.0, latent, ScaledFeatures, 0.0, features);
        algebra.Multiply(false, true, BatchSize, Outputs, LatentDim, 1.0, latent, ScaledTarget, 0.0, targets);
        return DenseMatrix.MultiplyFlops(BatchSize, Size, LatentDim) + DenseMatrix.MultiplyFlops(BatchSize, Outputs, LatentDim);
    }
}
