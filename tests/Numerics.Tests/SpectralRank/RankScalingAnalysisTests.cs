using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

public sealed class RankScalingAnalysisTests
{
    private static readonly int[] Widths = [32, 64, 128, 256, 512];

    /// <summary>Cells whose tail hard rank is A·D^β·(1 + small seed-dependent noise), other measurements absent.</summary>
    private static IEnumerable<FinishedCell> Cells(string optimizer, double a, double beta, double? lr = null, double loss = 0.1)
    {
        foreach (var width in Widths)
        {
            for (var seed = 0; seed < 3; seed++)
            {
                var noise = 1 + 0.01 * (seed - 1) * (width % 3 - 1);
                yield return new FinishedCell(optimizer, 1.0, width, seed, lr, loss, false,
                    new Dictionary<string, double> { ["hard_rank_tail"] = a * Math.Pow(width, beta) * noise });
            }
        }
    }

    [Fact]
    public void RecoversBetaAndCoefficientAndTheRatioAgainstTheBaseline()
    {
        var cells = Cells("adamw", 2.0, 0.44).Concat(Cells("muon", 0.5, 1.02));
        var fits = RankScalingAnalysis.Analyze(cells, new FitOptions { Baseline = "adamw", BootstrapResamples = 200 });

        Assert.Equal(2, fits.Count);
        var adamw = Assert.Single(fits, f => f.Optimizer == "adamw");
        var muon = Assert.Single(fits, f => f.Optimizer == "muon");
        Assert.All(fits, f => Assert.Equal(("tail", "hard", 5, 15), (f.Bucket, f.Kind, f.SizeCount, f.CellCount)));
        Assert.Equal(0.44, adamw.Beta!.Value, 0.01);
        Assert.Equal(1.02, muon.Beta!.Value, 0.01);
        Assert.Equal(2.0, adamw.A!.Value, 0.05);
        Assert.InRange(0.44, adamw.BetaCiLow!.Value, adamw.BetaCiHigh!.Value);
        Assert.InRange(1.02, muon.BetaBootCiLow!.Value - 0.01, muon.BetaBootCiHigh!.Value + 0.01);
        Assert.Equal(1.0, adamw.BetaRatio);
        Assert.Equal(muon.Beta.Value / adamw.Beta.Value, muon.BetaRatio!.Value, 1e-9);
        Assert.InRange(muon.BetaRatio.Value, muon.RatioCiLow!.Value, muon.RatioCiHigh!.Value);
    }

    [Fact]
    public void WithALearningRateAxisTheCellWithTheLowestLossIsFitted()
    {
        // At every seed the rate 0.1 has the lower loss; its ranks follow β = 0.8, the other rate's β = 0.2.
        var cells = Cells("adamw", 1.0, 0.8, lr: 0.1, loss: 0.05).Concat(Cells("adamw", 1.0, 0.2, lr: 0.01, loss: 0.2));
        var fit = Assert.Single(RankScalingAnalysis.Analyze(cells, new FitOptions { Baseline = "adamw", BootstrapResamples = 100 }));
        Assert.Equal(0.8, fit.Beta!.Value, 0.01);
        Assert.Equal(15, fit.CellCount);
    }

    [Fact]
    public void TheResultDoesNotDependOnTheOrderOfTheCells()
    {
        var cells = Cells("adamw", 2.0, 0.44).Concat(Cells("sgd", 1.0, 0.6)).ToList();
        var options = new FitOptions { Baseline = "adamw", BootstrapResamples = 100 };
        var forward = RankScalingAnalysis.Analyze(cells, options);
        var backward = RankScalingAnalysis.Analyze(Enumerable.Reverse(cells), options);
        Assert.Equal(forward, backward, (a, b) => a with { Flags = [] } == b with { Flags = [] } && a.Flags.SequenceEqual(b.Flags));
    }
}
