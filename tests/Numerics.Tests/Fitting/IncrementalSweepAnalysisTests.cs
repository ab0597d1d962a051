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
                last = JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken));
                Assert.False(incremental.IsStale);
            }
        }

        last = JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)), last);
        Assert.Equal(2, incremental.Refit(cancellationToken: TestContext.Current.CancellationToken).SizeTimeFits.Count);
    }

    [Fact]
    public void A_repeated_result_changes_nothing_and_a_better_one_replaces_it()
    {
        var data = Sweep();
        var incremental = new IncrementalSweepAnalysis(Options);
        data.ForEach(o => incremental.Add(o));
        string before = JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken));

        Assert.False(incremental.Add(data[3]));
        Assert.False(incremental.Add(data[3] with { FinalLoss = data[3].FinalLoss * 2 }));
        Assert.False(incremental.IsStale);
        Assert.Equal(before, JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken)));

        var better = data[3] with { FinalLoss = data[3].FinalLoss / 2 };
        Assert.True(incremental.Add(better));
        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data.Append(better), Options)),
            JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void A_refit_on_several_threads_is_the_same_as_on_one()
    {
        // Cells missing here and there, so that the comparisons' universes differ from the series' own.
        var data = Sweep().Where((_, i) => i % 11 != 4).ToList();
        var oneThread = new IncrementalSweepAnalysis(Options);
        var threeThreads = new IncrementalSweepAnalysis(Options);
        var token = TestContext.Current.CancellationToken;
        foreach (var chunk in data.Chunk(data.Count / 3 + 1))
        {
            foreach (var observation in chunk)
            {
                oneThread.Add(observation);
                threeThreads.Add(observation);
            }

            Assert.Equal(
                JsonSerializer.Serialize(oneThread.Refit(1, token)),
                JsonSerializer.Serialize(threeThreads.Refit(3, token)));
        }

        Assert.Equal(JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)), JsonSerializer.Serialize(threeThreads.Refit(3, token)));
    }

    [Fact]
    public void A_cancelled_refit_leaves_its_work_to_the_next()
    {
        var data = Sweep();
        var incremental = new IncrementalSweepAnalysis(Options);
        data.ForEach(o => incremental.Add(o));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => incremental.Refit(2, cancelled.Token));
        Assert.True(incremental.IsStale);

        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)),
            JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken)));
        Assert.False(incremental.IsStale);
    }
}
