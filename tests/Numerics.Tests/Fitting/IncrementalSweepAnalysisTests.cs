using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class IncrementalSweepAnalysisTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100, Steps = 20 };

    private static List<Observation> Sweep()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 101, sizes: [32, 64, 128, 256], seeds: 3);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0.01, 1, 0.6, 0.05, 102, sizes: [32, 64, 128, 256], seeds: 3));
        data.AddRange(SyntheticSweep.Series("gd", 2.0, 0.01, 1, 0.8, 0.05, 103, sizes: [32, 64, 128, 256], seeds: 3));
        data.Add(new Observation("ng", 1.0, 512, 0, double.NaN, true));
        // Series with loss curves, which also get the size × time law.
        data.AddRange(SyntheticSweep.Curves("gd", 3.0, 0.01, 1, 0.4, 0.5, 0.5, 0.05, 104, sizes: [32, 64, 128, 256], seeds: 3, steps: 200));
        data.AddRange(SyntheticSweep.Curves("ng", 3.0, 0.01, 1, 0.7, 0.5, 0.8, 0.05, 105, sizes: [32, 64, 128, 256], seeds: 3, steps: 200, learningRate: 0.5));
        return data;
    }

    [Fact]
    public void Adding_results_one_by_one_ends_at_the_batch_analysis()
    {
        var data = Sweep();
        var incremental = new IncrementalSweepAnalysis(Options);
        string? last = null;
        foreach (var (observation, i) in data.Select((o, i) => (o, i)).OrderBy(p => (p.i * 37) % data.Count))
        {
            Assert.True(incremental.Add(observation));
            Assert.True(incremental.IsStale);
            if (i % 7 == 0)
            {
                last = JsonSerializer.Serialize(incremental.Refit());
                Assert.False(incremental.IsStale);
            }
        }

        last = JsonSerializer.Serialize(incremental.Refit());

        Assert.Equal(JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)), last);
        Assert.Equal(2, incremental.Refit().SizeTimeFits.Count);
    }

    [Fact]
    public void A_repeated_result_changes_nothing_and_a_better_one_replaces_it()
    {
        var data = Sweep();
        var incremental = new IncrementalSweepAnalysis(Options);
        data.ForEach(o => incremental.Add(o));
        string before = JsonSerializer.Serialize(incremental.Refit());

        Assert.False(incremental.Add(data[3]));
        Assert.False(incremental.Add(data[3] with { FinalLoss = data[3].FinalLoss * 2 }));
        Assert.False(incremental.IsStale);
        Assert.Equal(before, JsonSerializer.Serialize(incremental.Refit()));

        var better = data[3] with { FinalLoss = data[3].FinalLoss / 2 };
        Assert.True(incremental.Add(better));
        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data.Append(better), Options)),
            JsonSerializer.Serialize(incremental.Refit()));
    }
}
