using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class LearningRateAxisTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };
    private static readonly double[] Rates = [0.01, 0.1, 1.0];

    /// <summary>The best rate falls with size: 1.0 below 256, 0.1 from 256 on; other rates are worse by a factor, 10 diverges at 1024.</summary>
    private static (List<Observation> All, List<Observation> Best) Sweep()
    {
        var best = SyntheticSweep.Series("adam", 1.0, 0.01, 1, 0.5, 0.05, 41);
        var all = new List<Observation>();
        foreach (var o in best)
        {
            double bestRate = o.Size < 256 ? 1.0 : 0.1;
            foreach (double rate in Rates)
            {
                double penalty = rate == bestRate ? 1 : 1.5 + Math.Abs(Math.Log10(rate / bestRate));
                all.Add(o with { FinalLoss = o.FinalLoss * penalty, LearningRate = rate });
            }

            if (o.Size == 1024)
            {
                all.Add(o with { FinalLoss = double.NaN, Diverged = true, LearningRate = 10.0 });
            }
        }

        return (all, best.Select(o => o with { LearningRate = o.Size < 256 ? 1.0 : 0.1 }).ToList());
    }

    [Fact]
    public void The_best_loss_over_learning_rates_is_fitted()
    {
        var (all, best) = Sweep();

        var fromAll = ScalingLawAnalysis.FitSeries("adam", 1.0, all, Options);
        var fromBest = ScalingLawAnalysis.FitSeries("adam", 1.0, best, Options);

        Assert.Equal(fromBest.Select(f => f.Alpha), fromAll.Select(f => f.Alpha));
        Assert.Equal(fromBest.Select(f => f.AlphaCiLow), fromAll.Select(f => f.AlphaCiLow));
        Assert.All(fromAll, f => Assert.Equal(30, f.CellCount));
        Assert.All(fromAll, f => Assert.Equal(0, f.DivergedExcluded)); // a diverged rate is not a diverged cell
    }

    [Fact]
    public void The_chosen_learning_rate_is_reported_per_size()
    {
        var (all, _) = Sweep();

        var fit = ScalingLawAnalysis.FitSeries("adam", 1.0, all, Options)[0];

        Assert.NotNull(fit.LearningRates);
        Assert.Equal(SyntheticSweep.DecadeAndHalf, fit.LearningRates!.Select(c => c.Size));
        Assert.All(fit.LearningRates!, c => Assert.Equal(c.Size < 256 ? 1.0 : 0.1, c.LearningRate));
        Assert.All(fit.LearningRates!, c => Assert.Equal(5, c.SeedsChoosing));
        Assert.All(fit.LearningRates!, c => Assert.Equal(5, c.Seeds));
    }

    [Fact]
    public void Without_a_learning_rate_axis_nothing_is_reported()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 41);

        Assert.All(ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options), f => Assert.Null(f.LearningRates));
    }
}
