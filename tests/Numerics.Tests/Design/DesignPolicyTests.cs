using Orchestrator.Numerics.Design;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Design;

public sealed class DesignPolicyTests
{
    private static readonly string[] TwoSeries = ["gd", "adam"];

    private static DesignSimulation Simulate(DesignSettings settings, List<DesignUnit> units, int slots = 4, ulong salt = 1,
        Func<DesignUnit, bool>? diverging = null) =>
        DesignSimulator.Run(DesignPolicies.For(settings), units, settings, slots,
            DesignFixture.Runner(DesignFixture.AlphaOf, 0.05, salt, diverging));

    [Theory]
    [InlineData(DesignPolicyKind.Uncertainty, typeof(UncertaintyDesignPolicy))]
    [InlineData(DesignPolicyKind.FullGrid, typeof(FullGridDesignPolicy))]
    [InlineData(DesignPolicyKind.RandomOrder, typeof(RandomOrderDesignPolicy))]
    public void The_factory_gives_the_named_policy(DesignPolicyKind kind, Type type) =>
        Assert.IsType(type, DesignPolicies.For(new DesignSettings { Policy = kind, BudgetCells = 1 }));

    [Fact]
    public void The_full_grid_runs_seed_major_so_every_prefix_of_whole_seeds_is_a_smaller_full_grid()
    {
        var units = DesignFixture.Units(TwoSeries, [64, 256, 1024], seeds: 4);
        var settings = new DesignSettings { Policy = DesignPolicyKind.FullGrid, BudgetCells = 1000 };

        var run = Simulate(settings, units, slots: 3);

        Assert.Equal(DesignStop.CandidatesExhausted, run.Stop);
        Assert.Equal(units.OrderBy(u => u.Seed).ThenBy(u => u.Id).Select(u => u.Id), run.Chosen.Select(c => c.UnitId));
        Assert.All(run.Chosen, c => Assert.Equal(DesignReason.Order, c.Reason));
        for (int seeds = 1; seeds <= 4; seeds++)
        {
            var prefix = run.Chosen.Take(6 * seeds).Select(c => units[c.UnitId]).ToList();
            Assert.All(prefix, u => Assert.True(u.Seed < seeds));
        }
    }

    [Fact]
    public void Random_order_is_a_permutation_fixed_by_the_seed()
    {
        var units = DesignFixture.Units(TwoSeries, [64, 256, 1024], seeds: 4);
        IReadOnlyList<int> Order(ulong seed) =>
            Simulate(new DesignSettings { Policy = DesignPolicyKind.RandomOrder, Seed = seed, BudgetCells = 1000 }, units)
                .Chosen.Select(c => c.UnitId).ToList();

        var first = Order(7);

        Assert.Equal(units.Select(u => u.Id), first.Order());
        Assert.Equal(first, Order(7));
        Assert.NotEqual(first, Order(8));
        Assert.NotEqual(units.Select(u => u.Id), first);
    }

    [Fact]
    public void The_same_input_gives_the_same_decision_bit_for_bit()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 16);
        var settings = new DesignSettings { TargetWidth = 0.02 };
        var run = Simulate(settings, units);
        int k = run.Outcomes.Count / 2;
        var finishedIds = run.Outcomes.Take(k).Select(o => o.CellIndex).ToHashSet();
        var chosen = run.Chosen.Where(c => finishedIds.Contains(c.UnitId)).Concat(run.Chosen.Where(c => !finishedIds.Contains(c.UnitId)).Take(3)).ToList();
        DesignInput Input() => new(units.ToList(), run.Outcomes.Take(k).ToList(), chosen.ToList(), 4, settings with { });

        var a = new UncertaintyDesignPolicy().Decide(Input());
        var b = new UncertaintyDesignPolicy().Decide(Input());

        Assert.NotEmpty(a.Choices);
        Assert.Equal(DesignFixture.Describe(a), DesignFixture.Describe(b));
    }

    [Fact]
    public void A_simulated_sweep_is_replayed_exactly()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 16);
        var settings = new DesignSettings { TargetWidth = 0.03 };

        var a = Simulate(settings, units);
        var b = Simulate(settings, units);

        Assert.Equal(a.Decisions.Select(DesignFixture.Describe), b.Decisions.Select(DesignFixture.Describe));
        Assert.Equal(a.CoreSeconds, b.CoreSeconds);
    }

    [Fact]
    public void The_first_decision_is_the_initial_design_of_every_series()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 8);
        var settings = new DesignSettings { TargetWidth = 0.02 };

        var decision = new UncertaintyDesignPolicy().Decide(new DesignInput(units, [], [], 100, settings));

        Assert.Equal(12, decision.Choices.Count);
        Assert.All(decision.Choices, c => Assert.Equal(DesignReason.Initial, c.Reason));
        var chosen = decision.Choices.Select(c => units[c.UnitId]).ToList();
        Assert.Equal(
            TwoSeries.SelectMany(o => new[] { 64, 256, 1024 }.SelectMany(n => new[] { (o, n, 0), (o, n, 1) })).Order(),
            chosen.Select(u => (u.Optimizer, u.Size, u.Seed)).Order());
        // Seed rank first, so that with little capacity every series gets three sizes early.
        Assert.Equal([64, 64, 256, 256, 1024, 1024], chosen.Take(6).Select(u => u.Size));
    }

    [Fact]
    public void The_cells_budget_stops_the_sweep_within_it()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 16);
        var settings = new DesignSettings { TargetWidth = 0.001, BudgetCells = 40 };

        var run = Simulate(settings, units);

        Assert.Equal(DesignStop.BudgetSpent, run.Stop);
        Assert.Equal(40, run.Outcomes.Count);
    }

    [Theory]
    [InlineData(DesignPolicyKind.Uncertainty)]
    [InlineData(DesignPolicyKind.FullGrid)]
    [InlineData(DesignPolicyKind.RandomOrder)]
    public void The_seconds_budget_stops_every_policy_before_the_next_unit_would_pass_it(DesignPolicyKind kind)
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 16);
        const double budget = 60;
        var settings = new DesignSettings { Policy = kind, BudgetSeconds = budget, Seed = 3 };

        var run = Simulate(settings, units, slots: 2);

        Assert.Equal(DesignStop.BudgetSpent, run.Stop);
        Assert.True(run.CoreSeconds <= budget, $"{run.CoreSeconds} core-s spent");
        // Costs are exactly 1e-3·N, which the model learns, so every unchosen unit would have passed the budget...
        var chosenIds = run.Chosen.Select(c => c.UnitId).ToHashSet();
        double cheapestLeft = units.Where(u => !chosenIds.Contains(u.Id)).Min(u => DesignFixture.SecondsPerSize * u.Size);
        if (kind == DesignPolicyKind.Uncertainty)
        {
            Assert.True(run.CoreSeconds + cheapestLeft > budget);
        }

        // ...and the ordered policies stopped at the first unit of their order that would have.
        Assert.True(run.CoreSeconds > budget / 2);
    }

    [Fact]
    public void The_target_stops_the_sweep_once_every_finished_interval_is_within_it()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 32);
        var settings = new DesignSettings { TargetWidth = 0.03 };

        var run = Simulate(settings, units);

        Assert.Equal(DesignStop.TargetMet, run.Stop);
        var last = run.Decisions[^1];
        Assert.All(last.Series, s => Assert.True(s.MeetsTarget && s.Width <= 0.03));
        // Before it, a series was above the target or a unit was still running (whose result could widen one again).
        Assert.All(run.Decisions.SkipLast(1), d => Assert.Contains(d.Series, s => !s.MeetsTarget || s.UnitsRunning > 0));
        Assert.True(run.Chosen.Count < units.Count);
    }

    [Fact]
    public void A_met_target_waits_for_the_running_units_because_a_result_can_widen_an_interval_again()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 32);
        var settings = new DesignSettings { TargetWidth = 0.03 };
        var run = Simulate(settings, units);
        var chosenIds = run.Chosen.Select(c => c.UnitId).ToHashSet();
        var stillRunning = units.First(u => !chosenIds.Contains(u.Id));
        var policy = new UncertaintyDesignPolicy();

        var allIn = policy.Decide(new DesignInput(units, run.Outcomes, run.Chosen, 4, settings));
        var oneOut = policy.Decide(new DesignInput(units, run.Outcomes,
            [.. run.Chosen, new ChosenUnit(stillRunning.Id, DesignReason.Exploit)], 4, settings));

        Assert.Equal(DesignStop.TargetMet, allIn.Stop);
        Assert.Null(oneOut.Stop);
        Assert.Empty(oneOut.Choices);
        Assert.All(oneOut.Series, s => Assert.True(s.MeetsTarget));
    }

    [Theory]
    [InlineData(0.02, null, 1)]
    [InlineData(0.02, null, 5)]
    [InlineData(null, 25, 3)]
    [InlineData(0.0001, null, 4)]
    public void A_policy_never_waits_with_nothing_running(double? target, int? budgetCells, int slots)
    {
        // Every fifth unit diverges, including some of the initial design, and the smallest size always does.
        var units = DesignFixture.Units(TwoSeries, [64, 128, 256, 1024], seeds: 12);
        var settings = new DesignSettings { TargetWidth = target, BudgetCells = budgetCells };

        var run = Simulate(settings, units, slots, diverging: u => u.Id % 5 == 0 || u.Size == 64);

        Assert.NotNull(run.Stop);
        Assert.All(run.Series, s => Assert.NotNull(s.Fit));
    }

    [Fact]
    public void With_nothing_running_a_decision_chooses_or_stops()
    {
        var units = DesignFixture.Units(TwoSeries, [64, 256, 1024], seeds: 6);
        var runner = DesignFixture.Runner(DesignFixture.AlphaOf, 0.05, 5);
        var settings = new DesignSettings { TargetWidth = 0.05 };
        var chosen = new List<ChosenUnit>();
        var outcomes = new List<DesignOutcome>();
        for (int step = 0; step < units.Count + 1; step++)
        {
            var decision = new UncertaintyDesignPolicy().Decide(new DesignInput(units, outcomes.ToList(), chosen.ToList(), 1, settings));
            Assert.True(decision.Choices.Count == 1 || decision.Stop is not null);
            if (decision.Stop is not null)
            {
                return;
            }

            chosen.Add(new ChosenUnit(decision.Choices[0].UnitId, decision.Choices[0].Reason));
            outcomes.AddRange(runner(units[decision.Choices[0].UnitId]));
        }

        Assert.Fail("the policy never stopped");
    }

    [Fact]
    public void At_least_the_explore_fraction_of_the_spend_goes_to_space_filling_units()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 32);
        const double fraction = 0.3;
        var settings = new DesignSettings { TargetWidth = 0.02, ExploreFraction = fraction };

        var run = Simulate(settings, units);

        var explore = run.Chosen.Where(c => c.Reason == DesignReason.Explore).Select(c => c.UnitId).ToHashSet();
        Assert.NotEmpty(explore);
        double exploreSeconds = run.Outcomes.Where(o => explore.Contains(o.CellIndex)).Sum(o => o.Seconds);
        double largestUnit = DesignFixture.SecondsPerSize * DesignFixture.Sizes.Max();
        Assert.True(exploreSeconds >= fraction * (run.CoreSeconds - largestUnit), $"{exploreSeconds} of {run.CoreSeconds} core-s");
    }

    [Fact]
    public void Explanations_give_the_numbers_behind_each_choice()
    {
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 32);
        var run = Simulate(new DesignSettings { TargetWidth = 0.02 }, units);

        var choices = run.Decisions.SelectMany(d => d.Choices).ToList();
        var exploit = choices.First(c => c.Reason == DesignReason.Exploit);
        var explore = choices.First(c => c.Reason == DesignReason.Explore && c.Explanation.Contains("space-filling"));
        var end = choices.First(c => c.Reason == DesignReason.Explore && !c.Explanation.Contains("space-filling"));

        Assert.Matches(@"^(gd|adam) s=1: α width [0-9.eE+-]+ > 0\.02.*; size \d+ seed \d+ cuts the predicted width to [0-9.eE+-]+ for [0-9.eE+-]+ core-s$", exploit.Explanation);
        Assert.Matches(@"space-filling share \d+% of the committed [0-9.eE+-]+ core-s is under 20%; size \d+ has \d+ units?, the fewest", explore.Explanation);
        Assert.Matches(@"^(gd|adam) s=1: no unit yet at size 4096, an end of its candidate sizes .*; size 4096 seed 0 for [0-9.eE+-]+ core-s$", end.Explanation);
    }

    [Fact]
    public void A_small_simulated_sweep_reaches_the_full_grids_width_for_fewer_core_seconds()
    {
        var full = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 4);
        var gridRun = Simulate(new DesignSettings { Policy = DesignPolicyKind.FullGrid, BudgetCells = 1000 }, full, salt: 9);
        double target = gridRun.Series.Max(s => s.Fit!.Width);

        var candidates = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 48);
        var adaptive = Simulate(new DesignSettings { TargetWidth = target }, candidates, salt: 9);

        Assert.Equal(DesignStop.TargetMet, adaptive.Stop);
        Assert.True(adaptive.CoreSeconds < 0.7 * gridRun.CoreSeconds, $"{adaptive.CoreSeconds} vs {gridRun.CoreSeconds} core-s");
    }

    [Fact]
    public void No_series_stops_short_of_its_largest_size_even_when_its_target_is_met_without_it()
    {
        // A target the first units meet: without the largest size α would be the slope of 64 … 1024 only.
        var units = DesignFixture.Units(TwoSeries, DesignFixture.Sizes, seeds: 8);

        var run = Simulate(new DesignSettings { TargetWidth = 10 }, units);

        Assert.Equal(DesignStop.TargetMet, run.Stop);
        foreach (string optimizer in TwoSeries)
        {
            var chosen = run.Chosen.Where(c => units[c.UnitId].Optimizer == optimizer).ToList();
            var largest = Assert.Single(chosen, c => units[c.UnitId].Size == DesignFixture.Sizes.Max());
            Assert.Equal(DesignReason.Explore, largest.Reason);
            Assert.All(chosen.Where(c => c != largest), c => Assert.Equal(DesignReason.Initial, c.Reason));
        }

        Assert.DoesNotContain(run.Chosen, c => c.Reason == DesignReason.Exploit);
    }

    /// <summary>
    /// Every seed at 64 and seeds 0 … 2 at the other sizes finished, of a law that bends strongly in log-log (its
    /// lack-of-fit test rejects it) or of a straight one; cells cost N² so the cheapest interval would come from the
    /// small sizes.
    /// </summary>
    private static DesignInput Lopsided(double bend, double target, int capacity)
    {
        var units = DesignFixture.Units(["gd"], [64, 128, 256, 512, 1024], seeds: 12);
        var done = units.Where(u => u.Seed < 3 || u.Size == 64).ToList();
        var outcomes = done.Select(u => new DesignOutcome(u.CellIndices[0], BentLoss(u, bend), true, 1e-6 * u.Size * u.Size)).ToList();
        var chosen = done.Select(u => new ChosenUnit(u.Id, DesignReason.Explore)).ToList();
        return new DesignInput(units, outcomes, chosen, capacity, new DesignSettings { TargetWidth = target });
    }

    private static double BentLoss(DesignUnit unit, double bend) =>
        Math.Pow(unit.Size, -0.3) * Math.Exp(-bend * Math.Pow(Math.Log(unit.Size / 256.0), 2) + 0.01 * DesignFixture.Noise(2, "gd", unit.Size, unit.Seed));

    [Fact]
    public void A_series_whose_power_law_is_rejected_buys_whole_seed_rows()
    {
        var input = Lopsided(bend: 0.1, target: 1e-4, capacity: 4);
        var fit = PowerLawInterval.Fit("gd", 1.0, input.Finished.Select(o => input.Units[o.CellIndex])
            .Select(u => new Observation(u.Optimizer, u.Spectrum, u.Size, u.Seed, BentLoss(u, 0.1), false)), 0.95)!;
        Assert.True(fit.LackOfFitPValue < UncertaintyDesignPolicy.LackOfFitLevel, $"p = {fit.LackOfFitPValue}");

        var decision = new UncertaintyDesignPolicy().Decide(input);

        // The next seed at every size short of units: a seed row, not the cheap sizes alone.
        Assert.Equal(4, decision.Choices.Count);
        Assert.All(decision.Choices, c => Assert.Equal(DesignReason.Balance, c.Reason));
        Assert.All(decision.Choices, c => Assert.Contains("balanced seed rows", c.Explanation));
        Assert.Equal([128, 256, 512, 1024], decision.Choices.Select(c => input.Units[c.UnitId].Size).Order());
        Assert.All(decision.Choices, c => Assert.Equal(3, input.Units[c.UnitId].Seed));
    }

    [Fact]
    public void A_straight_power_law_keeps_its_cheap_unbalanced_units()
    {
        var decision = new UncertaintyDesignPolicy().Decide(Lopsided(bend: 0, target: 1e-4, capacity: 4));

        Assert.NotEmpty(decision.Choices);
        Assert.All(decision.Choices, c => Assert.Equal(DesignReason.Exploit, c.Reason));
    }

    [Fact]
    public void A_met_target_stops_a_rejected_law_only_once_its_sizes_are_balanced()
    {
        Assert.Equal(DesignStop.TargetMet, new UncertaintyDesignPolicy().Decide(Lopsided(bend: 0, target: 10, capacity: 1)).Stop);

        // The bent law meets the same target, but its design weighs 64 four times as much as the other sizes: it is
        // balanced to within one unit per size first, one decision at a time with each unit finishing before the next.
        var input = Lopsided(bend: 0.1, target: 10, capacity: 1);
        var chosen = input.Chosen.ToList();
        var outcomes = input.Finished.ToList();
        for (int step = 0; step < input.Units.Count; step++)
        {
            var decision = new UncertaintyDesignPolicy().Decide(input with { Finished = outcomes.ToList(), Chosen = chosen.ToList() });
            if (decision.Stop is { } stop)
            {
                Assert.Equal(DesignStop.TargetMet, stop);
                var counts = chosen.GroupBy(c => input.Units[c.UnitId].Size).Select(g => g.Count()).ToList();
                Assert.Equal(5, counts.Count);
                Assert.True(counts.Max() - counts.Min() <= 1, string.Join(", ", counts));
                Assert.True(step > 0);
                return;
            }

            var choice = Assert.Single(decision.Choices);
            Assert.Equal(DesignReason.Balance, choice.Reason);
            var unit = input.Units[choice.UnitId];
            chosen.Add(new ChosenUnit(unit.Id, choice.Reason));
            outcomes.Add(new DesignOutcome(unit.CellIndices[0], BentLoss(unit, 0.1), true, 1e-6 * unit.Size * unit.Size));
        }

        Assert.Fail("the policy never stopped");
    }
}
