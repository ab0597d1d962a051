using System.Globalization;
using System.Text.Json;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A sweep with an <c>adaptive</c> section runs the cells its aggregator's decisions choose, each once, until every
/// series' α interval meets the target or a budget is spent; every decision is stored and replays to the same choice,
/// across a restart of the whole cluster and a growth of the grid.
/// </summary>
public sealed class AdaptiveSweepTests
{
    private static SweepSpec Adaptive(string name, string adaptive, double duration = 0, string seeds = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
        string sizes = "[32, 64, 128, 256, 512, 1024]") =>
        TestSpecs.Parse($$"""
            name: {{name}}
            experiment: synthetic
            grid:
              optimizer: [slow, fast]
              spectrum: [1.0]
              size: {{sizes}}
              seed: {{seeds}}
            settings:
              alpha: 0.3
              sigma: 0.05
              duration: {{duration.ToString(CultureInfo.InvariantCulture)}}
            optimizers:
              slow: { alpha: 0.2 }
              fast: { alpha: 0.5 }
            fit:
              bootstrap: 100
            adaptive:
            {{adaptive}}
            """);

    [Fact]
    public async Task An_adaptive_sweep_stops_when_every_interval_meets_the_target_having_run_each_chosen_cell_once()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 4);
        var spec = Adaptive("to-target", "  target: 0.1");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(SweepState.Completed, status.State);
        var design = Assert.IsType<DesignProgress>(status.Design);
        Assert.Equal(("uncertainty", "TargetMet", 0.1), (design.Policy, design.Stop, design.TargetWidth));
        Assert.Equal(2, design.Series.Count);
        Assert.All(design.Series, s => Assert.True(s.MeetsTarget && s.Width <= 0.1, $"{s.Optimizer}: width {s.Width}"));
        Assert.All(design.Series, s => Assert.Equal(0, s.UnitsQueued));
        Assert.True(status.Done < status.Total, $"ran {status.Done} of {status.Total} candidates");
        Assert.Equal((design.CellsChosen, 0), (status.Done, status.Failed));

        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(status.Done, results.Cells.Count);
        Assert.Equal(results.Cells.Count, results.Cells.Select(c => c.CellId).Distinct().Count());
        foreach (var cell in results.Cells)
        {
            Assert.Single((await cluster.Client.GetGrain<IRunGrain>(cell.CellId).GetRecordAsync()).Attempts);
        }

        // The design's interval is the power-law fit's, as the results report it.
        foreach (var series in design.Series)
        {
            var fit = results.Analysis.Fits.Single(f => f.Optimizer == series.Optimizer && f.Law == "power");
            Assert.Equal(fit.AlphaCiHigh!.Value - fit.AlphaCiLow!.Value, series.Width!.Value, 12);
        }
    }

    [Fact]
    public async Task Every_decision_is_logged_and_replays_to_the_same_choices()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 4);
        var spec = Adaptive("logged", "  target: 0.1");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);

        var log = await aggregator.GetDesignLogAsync();
        var results = await aggregator.GetResultsAsync();

        Assert.Equal(status.Design!.Decisions, log.Count);
        Assert.All(log, entry => Assert.True(entry.Replayed, $"decision {entry.Number} did not replay"));
        Assert.Equal(Enumerable.Range(0, log.Count), log.Select(e => e.Number));
        Assert.Equal("TargetMet", log[^1].Stop);
        Assert.All(log.SelectMany(e => e.Choices), c => Assert.False(string.IsNullOrWhiteSpace(c.Explanation)));
        // Every unit chosen ran, and nothing else did.
        var chosen = log.SelectMany(e => e.Choices).Select(c => (c.Optimizer, c.Size, c.Seed)).Order().ToList();
        Assert.Equal(chosen, results.Cells.Select(c => (c.Optimizer, c.Size, c.Seed)).Order());
        // Known outcomes only grow: each decision knew at least what the one before it did.
        Assert.Equal(log.Select(e => e.KnownOutcomes).Order(), log.Select(e => e.KnownOutcomes));
    }

    [Fact]
    public async Task A_cell_budget_ends_the_sweep_and_the_full_grid_policy_adds_seeds_in_turn()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 4);
        var spec = Adaptive("budgeted", """
              policy: full-grid
              budget:
                cells: 30
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal((SweepState.Completed, 30, "BudgetSpent"), (status.State, status.Done, status.Design!.Stop));
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        // Two series × six sizes: seeds 0 and 1 everywhere (24 cells), then six cells of seed 2.
        var seeds = results.Cells.GroupBy(c => c.Seed).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [0] = 12, [1] = 12, [2] = 6 }, seeds);
    }

    [Fact]
    public async Task An_adaptive_sweep_interrupted_by_a_cluster_restart_resumes_its_decisions_and_runs_no_cell_twice()
    {
        var data = TestSpecs.TempDirectory();
        var spec = Adaptive("restarted", "  target: 0.03", duration: 0.1);
        await using (var first = await SqliteTestCluster.StartAsync(data, slots: 2, window: 2))
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            Assert.False((await TestSpecs.WaitAsync(sweep, s => s.Done >= 10)).IsFinished);
        }

        await using var second = await SqliteTestCluster.StartAsync(data, slots: 2, window: 2);
        var resumed = second.Client.GetGrain<ISweepGrain>(spec.Name);
        Assert.Equal(SubmitKind.Attached, (await resumed.SubmitAsync(TestSpecs.Submission(spec))).Kind);
        var status = await TestSpecs.WaitFinishedAsync(resumed);

        Assert.Equal((SweepState.Completed, "TargetMet"), (status.State, status.Design!.Stop));
        var aggregator = second.Client.GetGrain<IAggregatorGrain>(spec.Name);
        var log = await aggregator.GetDesignLogAsync();
        Assert.All(log, entry => Assert.True(entry.Replayed, $"decision {entry.Number} did not replay"));
        var results = await aggregator.GetResultsAsync();
        Assert.Equal(status.Done, results.Cells.Count);
        Assert.Equal(log.Sum(e => e.Choices.Count), results.Cells.Count);
        foreach (var cell in results.Cells)
        {
            var record = await second.Client.GetGrain<IRunGrain>(cell.CellId).GetRecordAsync();
            Assert.Single(record.Attempts, a => a.Outcome == AttemptOutcome.Succeeded);
        }
    }

    [Fact]
    public async Task Growing_an_adaptive_sweep_gives_its_design_new_candidates()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 4);
        var first = Adaptive("grown", "  target: 0.025", seeds: "[0, 1, 2]");
        var grown = Adaptive("grown", "  target: 0.025", seeds: "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(first.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(first));
        var before = await TestSpecs.WaitFinishedAsync(sweep);
        Assert.Equal("CandidatesExhausted", before.Design!.Stop);

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(grown));
        var after = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(SubmitKind.Grown, outcome.Kind);
        Assert.Equal((SweepState.Completed, "TargetMet"), (after.State, after.Design!.Stop));
        Assert.True(after.Done > before.Done && after.Done < after.Total, $"{before.Done} → {after.Done} of {after.Total}");
        var log = await cluster.Client.GetGrain<IAggregatorGrain>(first.Name).GetDesignLogAsync();
        Assert.All(log, entry => Assert.True(entry.Replayed, $"decision {entry.Number} did not replay"));
    }

    [Fact]
    public async Task Only_the_owning_sweep_may_configure_or_ask_for_decisions()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = Adaptive("owned-design", "  target: 0.1");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);

        var decide = await Assert.ThrowsAnyAsync<Exception>(() => aggregator.DecideAsync(status.Design!.Decisions, 4));
        var configure = await Assert.ThrowsAnyAsync<Exception>(() => aggregator.ConfigureDesignAsync([spec.CanonicalJson]));

        Assert.Contains("only sweep 'owned-design'", decide.Message);
        Assert.Contains("only sweep 'owned-design'", configure.Message);
        Assert.Equal(status.Design!.Decisions, (await aggregator.GetDesignLogAsync()).Count);
    }

    [Fact]
    public async Task A_sweep_without_an_adaptive_section_has_no_design()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Synthetic("plain");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Null(status.Design);
        Assert.Null(await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetDesignProgressAsync());
        Assert.Equal("[]", JsonSerializer.Serialize(await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetDesignLogAsync()));
    }
}
