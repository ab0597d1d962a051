using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Memory;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// The memory estimate, made from a run's definition alone, matches the byte ledger the kernel keeps while it runs:
/// its ledger part equals the measured peak, and the bytes it reserves bound that peak within a small factor.
/// </summary>
public sealed class MemoryEstimateTests
{
    public static TheoryData<string, string, int, int, int> Cells()
    {
        var cells = new TheoryData<string, string, int, int, int>();
        foreach (var optimizer in OptimizerRegistry.Names)
        {
            foreach (var data in new[] { "population", "finite:48", "online:12" })
            {
                cells.Add(optimizer, data, 24, 40, 1);
                cells.Add(optimizer, data, 64, 300, 3);
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void The_estimate_matches_the_ledger_peak_of_a_real_run(string optimizer, string data, int size,
        int latentDim, int outputs)
    {
        var run = Run(optimizer, data, size, latentDim, outputs);
        foreach (var algebra in new IDenseLinearAlgebra[] { ManagedDenseLinearAlgebra.Instance, DenseLinearAlgebra.Default })
        {
            var measured = TestKernel.Run(run, algebra).PeakBytes;

            var estimate = RandomFeaturesMemoryEstimate.Estimate(run, algebra);

            Assert.Equal(measured, estimate.LedgerPeakBytes);
            Assert.InRange(estimate.Bytes, measured, 2 * measured + RandomFeaturesMemoryEstimate.PerRunAllowanceBytes);
            Assert.InRange(RandomFeaturesMemoryEstimate.Bytes(run), estimate.Bytes,
                2 * measured + RandomFeaturesMemoryEstimate.PerRunAllowanceBytes);
        }
    }

    [Fact]
    public void The_estimate_grows_with_the_square_of_the_size()
    {
        // ng-power trains in the eigenbasis: H and its eigenvectors (plus the eigensolver's workspace) dominate, at
        // least 3 N² doubles. A short gd run trains in the standard basis: H alone, at least N² doubles.
        var small = RandomFeaturesMemoryEstimate.Bytes(Run("ng-power", "population", 1024, 4096, 1));
        var large = RandomFeaturesMemoryEstimate.Bytes(Run("ng-power", "population", 16_384, 65_536, 1));
        var standard = RandomFeaturesMemoryEstimate.Bytes(Run("gd", "population", 16_384, 65_536, 1));

        Assert.True(large >= 3L * 8 * 16_384 * 16_384, $"estimate {large}");
        Assert.InRange((double)large / small, 200.0, 300.0);
        Assert.InRange(standard, 8L * 16_384 * 16_384, 2L * 8 * 16_384 * 16_384);
    }

    [Fact]
    public void Finite_data_counts_its_sample_buffers()
    {
        var population = RandomFeaturesMemoryEstimate.Bytes(Run("gd", "population", 512, 2048, 1));
        var finite = RandomFeaturesMemoryEstimate.Bytes(Run("gd", "finite:1000000", 512, 2048, 1));

        // Φᵀ alone is N × D doubles.
        Assert.True(finite - population >= 8L * 512 * 1_000_000, $"{finite} - {population}");
    }

    [Fact]
    public void An_invalid_run_is_refused_like_the_kernel_refuses_it()
    {
        Assert.Throws<ArgumentException>(() => RandomFeaturesMemoryEstimate.Bytes(Run("gd", "population", 64, 32, 1)));
    }

    private static RandomFeaturesRun Run(string optimizer, string data, int size, int latentDim, int outputs)
    {
        var parts = data.Split(':');
        var regime = parts[0] switch
        {
            "finite" => new DataRegime(DataRegimeKind.Finite, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "online" => new DataRegime(DataRegimeKind.Online, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => DataRegime.Population,
        };
        return new RandomFeaturesRun
        {
            LatentDim = latentDim,
            Spectrum = 1.5,
            Outputs = outputs,
            Size = size,
            Seed = 3,
            Steps = 5,
            Optimizer = optimizer,
            LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 0.01,
            Data = regime,
        };
    }
}
