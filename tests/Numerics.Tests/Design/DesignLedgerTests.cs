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

    /// <summary>
    /// Two optimizers on the same problems (spectrum, size, seed). Seed 0 finished at every size, gd's cell first (it
    /// paid the build: 3 × a warm cell) and adam's second (warm); gd's seed-1 unit at 256 is running.
    /// </summary>
    private static (List<DesignUnit> Units, DesignInput Input) SharedProblems()
    {
        var units = DesignFixture.Units(["gd", "adam"], [64, 256, 1024], seeds: 3);
        DesignUnit Unit(string optimizer, int size, int seed) => units.Single(u => u.Optimizer == optimizer && u.Size == size && u.Seed == seed);
        var outcomes = new[] { 64, 256, 1024 }
            .SelectMany(n => new[]
            {
                new DesignOutcome(Unit("gd", n, 0).CellIndices[0], 0.5, true, 3e-3 * n),
                new DesignOutcome(Unit("adam", n, 0).CellIndices[0], 0.4, true, 1e-3 * n),
            })
            .ToList();
        var chosen = units.Where(u => u.Seed == 0).Append(Unit("gd", 256, 1))
            .Select(u => new ChosenUnit(u.Id, DesignReason.Initial)).ToList();
        return (units, new DesignInput(units, outcomes, chosen, 1, new DesignSettings { BudgetCells = 100 }));
    }

    [Fact]
    public void A_problem_already_chosen_costs_another_optimizer_no_build()
    {
        var (units, input) = SharedProblems();
        var ledger = new DesignLedger(input);
        int Id(string optimizer, int size, int seed) => units.Single(u => u.Optimizer == optimizer && u.Size == size && u.Seed == seed).Id;

        Assert.Equal(1e-3 * 256, ledger.Cost.PredictCell(256), 9);
        Assert.Equal(2e-3 * 256, ledger.Cost.PredictBuild(256), 9);
        Assert.Equal(1e-3 * 256, ledger.RemainingCost(Id("adam", 256, 1)), 9);
        Assert.Equal(3e-3 * 256, ledger.RemainingCost(Id("adam", 256, 2)), 9);
        Assert.Equal(3e-3 * 1024, ledger.RemainingCost(Id("adam", 1024, 1)), 9);
    }

    [Fact]
    public void The_committed_spend_charges_a_shared_build_once()
    {
        var (units, input) = SharedProblems();
        var ledger = new DesignLedger(input);
        int Id(string optimizer, int size, int seed) => units.Single(u => u.Optimizer == optimizer && u.Size == size && u.Seed == seed).Id;
        double spent = ledger.SpentSeconds;

        // gd's running unit builds its problem; adam's unit on it, chosen now, trains on it.
        Assert.Equal(spent + 3e-3 * 256, ledger.CommittedSpend, 9);
        ledger.Choose(Id("adam", 256, 1), DesignReason.Exploit);
        Assert.Equal(spent + 4e-3 * 256, ledger.CommittedSpend, 9);

        // A unit chosen now on a new problem builds it, and its sibling then trains on it.
        Assert.Equal(3e-3 * 1024, ledger.RemainingCost(Id("gd", 1024, 2)), 9);
        ledger.Choose(Id("adam", 1024, 2), DesignReason.Exploit);
        Assert.Equal(1e-3 * 1024, ledger.RemainingCost(Id("gd", 1024, 2)), 9);
        Assert.Equal(spent + 4e-3 * 256 + 3e-3 * 1024, ledger.CommittedSpend, 9);

        // The same units in a fresh ledger (as the next decision sees them): the same spend.
        var again = new DesignLedger(input with
        {
            Chosen = [.. input.Chosen, new ChosenUnit(Id("adam", 256, 1), DesignReason.Exploit), new ChosenUnit(Id("adam", 1024, 2), DesignReason.Exploit)],
        });
        Assert.Equal(ledger.CommittedSpend, again.CommittedSpend, 12);
    }
}
