using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// Builds a <see cref="RandomFeaturesProblem"/> exactly as SCIENCE.md defines it: λ_k = k^(−s); W*_jk ~ N(0, 1)·k^(−r/2);
/// F_ik ~ N(0, 1/N). F is never stored whole for population and finite data: it is generated in column blocks of
/// <see cref="BlockWidth"/> latent modes, and each block G_b = F_b Λ_b^½ is folded into H += G_b G_bᵀ (a syrk) and
/// B += W̃_b G_bᵀ. Row i of F (and row j of W*, sample d of the data) is its own xoshiro256** stream, so the
/// numbers do not depend on the block width or on threads; the block width is fixed so the sums are too. The loops run at
/// most <see cref="KernelParallelism.MaxThreads"/> rows at once.
/// </summary>
public static class ProblemBuilder
{
    /// <summary>Latent modes per generated block.</summary>
    public const int BlockWidth = 256;

    public static RandomFeaturesProblem Build(ProblemKey key, IDenseLinearAlgebra algebra, CancellationToken cancellationToken = default)
    {
        int m = key.LatentDim, n = key.Size, k = key.Outputs;
        var root = key.RootSeed;
        var bytes = new ByteLedger();

        var sqrtLambda = new double[m];
        for (var j = 0; j < m; j++)
        {
            sqrtLambda[j] = Math.Sqrt(Math.Pow(j + 1, -key.Spectrum));
        }

        // W̃ = W* Λ^½ and c = tr(W* Λ W*ᵀ) = ||W̃||².
        var scaledTarget = bytes.Allocate(k * m);
        var constant = 0.0;
        for (var row = 0; row < k; row++)
        {
            var rng = StreamSeeds.Create(root, StreamPurpose.Target, (ulong)row);
            for (var j = 0; j < m; j++)
            {
                var value = rng.NextStandardNormal() * Math.Pow(j + 1, -key.TargetDecay / 2) * sqrtLambda[j];
                scaledTarget[row * m + j] = value;
                constant += value * value;
            }
        }

        var featureStreams = new Xoshiro256StarStar[n];
        for (var i = 0; i < n; i++)
        {
            featureStreams[i] = StreamSeeds.Create(root, StreamPurpose.Features, (ulong)i);
        }

        var isFinite = key.Data.Kind == DataRegimeKind.Finite;
        var isOnline = key.Data.Kind == DataRegimeKind.Online;
        var samples = isFinite ? key.Data.Samples : 0;
        var sampleStreams = new Xoshiro256StarStar[samples];
        for (var d = 0; d < samples; d++)
        {
            sampleStreams[d] = StreamSeeds.Create(root, StreamPurpose.FiniteSamples, (ulong)d);
        }

        var hessian = RentMatrix(n, bytes);
        var cross = bytes.Allocate(k * n);
        var fullScaledFeatures = isOnline ? bytes.Allocate((long)n * m) : null;
        var featuresTransposed = isFinite ? bytes.Allocate((long)n * samples) : null; // Φᵀ, N×D
        var targetsTransposed = isFinite ? bytes.Allocate((long)k * samples) : null;   // Yᵀ, K×D
        var flops = 0.0;

        // One set of block buffers, reused: fresh ones per block would leave hundreds of MB of garbage behind.
        var blockWidth = Math.Min(BlockWidth, m);
        var block = bytes.Allocate((long)n * blockWidth);
        var targetBlock = bytes.Allocate(k * blockWidth);
        var latent = isFinite ? bytes.Allocate((long)samples * blockWidth) : null;
        for (var start = 0; start < m; start += BlockWidth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var width = Math.Min(BlockWidth, m - start);
            if (width != blockWidth)
            {
                // The last, narrower block: the BLAS calls need arrays of exactly the block's size.
                bytes.Release(block);
                bytes.Release(targetBlock);
                block = bytes.Allocate((long)n * width);
                targetBlock = bytes.Allocate(k * width);
                if (latent is not null)
                {
                    bytes.Release(latent);
                    latent = bytes.Allocate((long)samples * width);
                }

                blockWidth = width;
            }

            var scale = 1.0 / Math.Sqrt(n);
            var currentBlock = block;
            // Row i writes only its own slice from its own stream: the same bits however many rows run at once.
            KernelParallelism.For(0, n, cancellationToken, i =>
            {
                ref var rng = ref featureStreams[i];
                for (var j = 0; j < width; j++)
                {
                    currentBlock[i * width + j] = rng.NextStandardNormal() * scale * sqrtLambda[start + j];
                }
            });

            for (var row = 0; row < k; row++)
            {
                Array.Copy(scaledTarget, row * m + start, targetBlock, row * width, width);
            }

            var beta = start == 0 ? 0.0 : 1.0;
            algebra.SymmetricRankUpdate(n, width, 1.0, block, beta, hessian);
            algebra.Multiply(false, true, k, n, width, 1.0, targetBlock, block, beta, cross);
            flops += DenseMatrix.SymmetricRankUpdateFlops(n, width) + DenseMatrix.MultiplyFlops(k, n, width);

            if (fullScaledFeatures is not null)
            {
                for (var i = 0; i < n; i++)
                {
                    Array.Copy(block, (long)i * width, fullScaledFeatures, (long)i * m + start, width);
                }
            }

            if (latent is not null)
            {
                var currentLatent = latent;
                KernelParallelism.For(0, samples, cancellationToken, d =>
                {
                    ref var rng = ref sampleStreams[d];
                    for (var j = 0; j < width; j++)
                    {
                        currentLatent[d * width + j] = rng.NextStandardNormal();
                    }
                });
                algebra.Multiply(false, true, n, samples, width, 1.0, block, latent, beta, featuresTransposed!);
                algebra.Multiply(false, true, k, samples, width, 1.0, targetBlock, latent, beta, targetsTransposed!);
                flops += DenseMatrix.MultiplyFlops(n, samples, width) + DenseMatrix.MultiplyFlops(k, samples, width);
            }
        }

        bytes.Release(block);
        bytes.Release(targetBlock);
        if (latent is not null)
        {
            bytes.Release(latent);
        }

        DenseMatrix.SymmetrizeFromLower(n, hessian);
        var population = new QuadraticObjective(k, n, hessian, cross, constant);
        var training = population;
        if (isFinite)
        {
            training = BuildEmpirical(algebra, k, n, samples, featuresTransposed!, targetsTransposed!, bytes, ref flops);
            bytes.Release(featuresTransposed!);
            bytes.Release(targetsTransposed!);
        }

        OnlineSampler? online = null;
        if (isOnline)
        {
            online = new OnlineSampler(root, key.Data.Samples, m, n, k, fullScaledFeatures!, scaledTarget);
        }
        else
        {
            bytes.Release(scaledTarget);
        }

        return new RandomFeaturesProblem(key, population, training, online, flops, bytes.Peak);
    }

    /// <summary>A zeroed N×N array, one a problem the cache let go left behind when there is one (<see cref="MatrixPool"/>).</summary>
    private static double[] RentMatrix(int n, ByteLedger bytes)
    {
        bytes.Hold(8L * n * n);
        return MatrixPool.RentCleared((long)n * n);
    }

    /// <summary>Ĥ = ΦᵀΦ/D, B̂ = YᵀΦ/D, ĉ = ||Y||²/D: the empirical loss (1/(KD))||A Φᵀ − Yᵀ||² in quadratic form.</summary>
    private static QuadraticObjective BuildEmpirical(IDenseLinearAlgebra algebra, int k, int n, int samples,
        double[] featuresTransposed, double[] targetsTransposed, ByteLedger bytes, ref double flops)
    {
        var hessian = RentMatrix(n, bytes);
        var cross = bytes.Allocate(k * n);
        algebra.SymmetricRankUpdate(n, samples, 1.0 / samples, featuresTransposed, 0.0, hessian);
        DenseMatrix.SymmetrizeFromLower(n, hessian);
        algebra.Multiply(false, true, k, n, samples, 1.0 / samples, targetsTransposed, featuresTransposed, 0.0, cross);
        var constant = 0.0;
        foreach (var y in targetsTransposed)
        {
            constant += y * y;
        }

        flops += DenseMatrix.SymmetricRankUpdateFlops(n, samples) + DenseMatrix.MultiplyFlops(k, n, samples)
            + 2.0 * targetsTransposed.Length;
        return new QuadraticObjective(k, n, hessian, cross, constant / samples);
    }
}
