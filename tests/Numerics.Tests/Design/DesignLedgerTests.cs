using Orchestrator.Numerics.Design;
using Xunit;

namespace Orchestrator.Numerics.Tests.Design;

public sealed class DesignLedgerTests
{
    private static readonly string[] Series = ["a", "b", "c", "d"];

    /// <summary>Every unit of 4 series finished, series "c" with its noise scaled by <paramref name="scaleOfC"/>.</summary>
    private static DesignLedger Finished(double scaleOfC)
    {
        var units = DesignFixture.Units(Series, [64, 256, 1024], seeds: 4);
        var outcomes = units.Select(u =>
        {
            double sigma = u.Optimizer == "c" ? 0.05 * scaleOfC : 0.05;
            return new DesignOutcome(u.CellIndices[0], Math.Pow(u.Size, -0.3) * Math.Exp(sigma * DesignFixture.Noise(4, u.Optimizer, u.Size, u.Seed)), true, 1e-3 * u.Size);
        }).ToList();
        return new DesignLedger(new DesignInput(units, outcomes, units.Select(u => new ChosenUnit(u.Id, DesignReason.Order)).ToList(), 1,
            new DesignSettings { TargetWidth = 0.01 }));
    }

    [Fact]
    public void A_series_quieter_than_the_others_by_chance_is_predicted_with_the_pooled_variance()
    {
        var ledger = Finished(0.6);
        var c = ledger.Series.Single(s => s.Optimizer == "c");

        Assert.True(c.CautiousVariance > c.Fit!.ResidualVariance);
        Assert.True(c.PredictedWidth(-1, ledger.Quantiles) > c.Fit.Width);
    }

    [Fact]
    public void A_series_plainly_quieter_than_the_others_keeps_its_own_variance()
    {
        var ledger = Finished(0.02);
        var c = ledger.Series.Single(s => s.Optimizer == "c");

        Assert.Equal(c.Fit!.ResidualVariance, c.CautiousVariance);
        Assert.Equal(c.Fit.Width, c.PredictedWidth(-1, ledger.Quantiles));
    }

    [Fact]
    public void The_predicted_width_with_nothing_pending_is_never_below_the_current_width()
    {
        var ledger = Finished(1.0);

        Assert.All(ledger.Series, s => Assert.True(s.PredictedWidth(-1, ledger.Quantiles) >= s.Fit!.Width));
    }

    [Fact]
    public void A_unit_is_finished_only_when_every_cell_has_an_outcome()
    {
        var units = DesignFixture.Units(["gd"], [64, 256], seeds: 2, cellsPerUnit: 3);
        var outcomes = new List<DesignOutcome>
        {
            new(units[0].CellIndices[0], 0.5, true, 1),
            new(units[0].CellIndices[1], 0.4, true, 1),
            new(units[0].CellIndices[2], 0.6, false, 1),
            new(units[1].CellIndices[0], 0.5, true, 2),
        };
        var ledger = new DesignLedger(new DesignInput(units, outcomes, [new(0, DesignReason.Initial), new(1, DesignReason.Initial)], 1,
            new DesignSettings { BudgetCells = 100 }));

        var gd = ledger.Series.Single();
        Assert.Equal(1, gd.UnitsFinished);
        Assert.Equal(1, gd.UnitsRunning);
        Assert.Equal(5, ledger.SpentSeconds);
        Assert.Equal(1, gd.Usable.Sum());
    }
}
