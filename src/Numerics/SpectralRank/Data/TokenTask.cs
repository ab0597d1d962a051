using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>
/// The synthetic next-token-style task: V tokens with Zipf frequencies, each with a fixed random embedding e_k ∈ R^d
/// (entries N(0, 1)) and a fixed target y_k = W_b tanh(W_a e_k) ∈ R^K from a random teacher (W_a entries N(0, 1/d),
/// W_b entries N(0, 1/h), h the teacher width), so every target entry has variance below 1. Rare tokens are seen
/// rarely and are therefore hard to learn. Everything is seeded from (V, d, K, h, seed) only — not from the Zipf
/// exponent, the width or the optimizer — so every cell of a seed sees the same embeddings and targets, row by row
/// from per-row streams. With <see cref="FfnInput.Context"/> the targets are not per token: the task keeps the
/// teacher's first-layer outputs W_a e_k per token and its output layer W_b instead (see <see cref="ContextExamples"/>).
/// </summary>
public sealed class TokenTask
{
    private TokenTask(ZipfDistribution distribution, int embedDim, int outputs, double[] embeddings, double[] targets, ulong root,
        TeacherLayers? teacher = null)
    {
        Teacher = teacher;
        Distribution = distribution;
        Buckets = new TokenBuckets(distribution);
        EmbedDim = embedDim;
        Outputs = outputs;
        Embeddings = embeddings;
        Targets = targets;
        Root = root;
    }

    public ZipfDistribution Distribution { get; }
    public TokenBuckets Buckets { get; }
    public int Vocab => Distribution.Vocab;
    public int EmbedDim { get; }
    public int Outputs { get; }

    /// <summary>V×d row-major: row k is e_k.</summary>
    public double[] Embeddings { get; }

    /// <summary>V×K row-major: row k is y_k.</summary>
    public double[] Targets { get; }

    /// <summary>The teacher's layers, kept for <see cref="FfnInput.Context"/> tasks only; null otherwise.</summary>
    public TeacherLayers? Teacher { get; }

    /// <summary>Root seed of the task's streams (derived from the task's definition and the seed).</summary>
    internal ulong Root { get; }

    /// <summary>Builds the task; the flops of the teacher's forward pass are returned in <paramref name="flops"/>.</summary>
    public static TokenTask Build(SpectralRankRun run, IDenseLinearAlgebra algebra, out double flops)
    {
        var root = SplitMix64.Combine(SplitMix64.Combine(SplitMix64.Combine(SplitMix64.Combine(
            SplitMix64.Combine(0x5EC7_4A1B_F00DUL, (ulong)run.Vocab), (ulong)run.EmbedDim), (ulong)run.Outputs),
            (ulong)run.TeacherWidth), (ulong)(uint)run.Seed);
        int v = run.Vocab, d = run.EmbedDim, k = run.Outputs, h = run.TeacherWidth;
        var embeddings = Gaussian(v, d, 1.0, root, StreamPurpose.Embedding);
        var teacherInput = Gaussian(h, d, 1.0 / Math.Sqrt(d), root, StreamPurpose.TeacherInput);
        var teacherOutput = Gaussian(k, h, 1.0 / Math.Sqrt(h), root, StreamPurpose.TeacherOutput);

        var hidden = new double[(long)v * h];
        algebra.Multiply(false, true, v, h, d, 1.0, embeddings, teacherInput, 0.0, hidden);
        if (run.Input == FfnInput.Context)
        {
            flops = DenseMatrix.MultiplyFlops(v, h, d);
            return new TokenTask(new ZipfDistribution(v, run.Zipf), d, k, embeddings, [], root,
                new TeacherLayers(h, hidden, teacherOutput));
        }

        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = Math.Tanh(hidden[i]);
        }

        var targets = new double[(long)v * k];
        algebra.Multiply(false, true, v, k, h, 1.0, hidden, teacherOutput, 0.0, targets);
        flops = DenseMatrix.MultiplyFlops(v, h, d) + DenseMatrix.MultiplyFlops(v, k, h);
        return new TokenTask(new ZipfDistribution(v, run.Zipf), d, k, embeddings, targets, root);
    }

    /// <summary>A rows×cols matrix of N(0, scale²) entries, row r from the stream (root, purpose, r).</summary>
    internal static double[] Gaussian(int rows, int cols, double scale, ulong root, StreamPurpose purpose)
    {
        var matrix = new double[(long)rows * cols];
        for (var r = 0; r < rows; r++)
        {
            var random = StreamSeeds.Create(root, (ulong)purpose, (ulong)r);
            for (var c = 0; c < cols; c++)
            {
                matrix[(long)r * cols + c] = scale * random.NextStandardNormal();
            }
        }

        return matrix;
    }
}
