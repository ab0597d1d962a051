using System.Globalization;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.Optimizers;

/// <summary>
/// Small cells of both experiments, one or more per optimizer, whose results are pinned bit for bit. They run on the
/// managed linear algebra: native BLAS kernels differ between processors, the managed provider does not.
/// </summary>
internal static class GoldenCells
{
    private static RandomFeaturesRun RandomFeatures(string optimizer, double? lr) => new()
    {
        LatentDim = 240, Spectrum = 1.2, TargetDecay = 0.3, Outputs = 2, Size = 40, Seed = 11, Steps = 50,
        Optimizer = optimizer, LearningRate = lr,
    };

    private static SpectralRankRun SpectralRank(string optimizer, double lr) => new()
    {
        Vocab = 96, EmbedDim = 12, Outputs = 6, TeacherWidth = 24, Zipf = 1.1, Width = 32, Seed = 5, Steps = 25,
        Batch = 16, Optimizer = optimizer, LearningRate = lr, EvalTokens = 800,
    };

    public static IReadOnlyDictionary<string, RandomFeaturesRun> RandomFeaturesCells { get; } =
        new Dictionary<string, RandomFeaturesRun>(StringComparer.Ordinal)
        {
            ["gd"] = RandomFeatures("gd", null),
            ["gd-fixed-lr"] = RandomFeatures("gd", 0.3),
            ["momentum"] = RandomFeatures("momentum", null) with { LearningRateScale = 0.2 },
            ["momentum-online"] = RandomFeatures("momentum", null) with
            {
                LearningRateScale = 0.1, OptimizerSettings = new() { Momentum = 0.7 }, Data = new(DataRegimeKind.Online, 12),
            },
            ["momentum-diverges"] = RandomFeatures("momentum", null) with { LearningRateScale = 40 },
            ["adam"] = RandomFeatures("adam", 0.01),
            ["adam-finite"] = RandomFeatures("adam", 0.003) with
            {
                OptimizerSettings = new() { Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6 }, Data = new(DataRegimeKind.Finite, 30),
            },
            ["adam-one-output"] = RandomFeatures("adam", 0.02) with { Outputs = 1 },
            ["matrix-sign"] = RandomFeatures("matrix-sign", 0.02) with { Outputs = 3 },
            ["matrix-sign-one-output"] = RandomFeatures("matrix-sign", 0.05) with { Outputs = 1 },
            ["natural-gradient"] = RandomFeatures("natural-gradient", null) with { LearningRateScale = 0.5 },
            ["ng-power"] = RandomFeatures("ng-power", null) with { OptimizerSettings = new() { Gamma = 0.5, Damping = 1e-6 } },
        };

    public static IReadOnlyDictionary<string, SpectralRankRun> SpectralRankCells { get; } =
        new Dictionary<string, SpectralRankRun>(StringComparer.Ordinal)
        {
            ["adamw"] = SpectralRank("adamw", 0.01),
            ["adamw-decay"] = SpectralRank("adamw", 0.01) with { OptimizerSettings = new() { WeightDecay = 0.1 } },
            ["muon"] = SpectralRank("muon", 0.02),
            ["muon-decay"] = SpectralRank("muon", 0.02) with { OptimizerSettings = new() { WeightDecay = 0.05 } },
            ["sgd"] = SpectralRank("sgd", 0.005),
            ["sgd-plain-decay"] = SpectralRank("sgd", 0.02) with { OptimizerSettings = new() { Momentum = 0, WeightDecay = 0.1 } },
            ["sgd-diverges"] = SpectralRank("sgd", 5.0),
        };

    public static RunResult RunRandomFeatures(string cell) =>
        RandomFeaturesKernel.Run(RandomFeaturesCells[cell], ManagedDenseLinearAlgebra.Instance, null,
            TestContext.Current.CancellationToken);

    public static SpectralRankResult RunSpectralRank(string cell) =>
        SpectralRankKernel.Run(SpectralRankCells[cell], ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken);

    /// <summary>
    /// One line that changes when any bit of the result changes: final loss, learning rate and flops in round-trip
    /// format, peak bytes, the divergence flag, and a digest of the bits of every curve point (and measurement).
    /// </summary>
    public static string Describe(RunResult run, IReadOnlyDictionary<string, double>? measurements = null)
    {
        var digest = 14695981039346656037UL;
        void Mix(long bits)
        {
            digest = (digest ^ (ulong)bits) * 1099511628211UL;
        }

        foreach (var point in run.Curve)
        {
            Mix(point.Step);
            Mix(BitConverter.DoubleToInt64Bits(point.Loss));
        }

        foreach (var (_, value) in (measurements ?? new Dictionary<string, double>()).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            Mix(BitConverter.DoubleToInt64Bits(value));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"loss={run.FinalLoss:R} lr={run.LearningRate:R} flops={run.FloatingPointOperations:R} bytes={run.PeakBytes} diverged={run.Diverged} digest={digest:x16}");
    }
}
