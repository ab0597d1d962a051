using System.Text.Json.Nodes;
using Orchestrator.Client.Commands;
using Orchestrator.Client.Output;
using Orchestrator.Grains;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// How status, the live view and the start of <c>run</c> show an adaptive sweep: counted against the cells its policy
/// chose, its candidates not chosen never shown as pending work, and each series' α interval against the target.
/// </summary>
public sealed class DesignStatusTests
{
    /// <summary>640 candidates, 45 chosen: 40 finished (one failed, two diverged), 3 running, 2 waiting, 595 not chosen.</summary>
    private static SweepStatus Adaptive(string? stop = null, SweepState state = SweepState.Running) =>
        new("adapt", state, Total: 640, Pending: 597, Running: 3, Done: 39, Failed: 1, Diverged: 2, StartedAt: null, FinishedAt: null,
            Design: DesignProgresses.Running(stop));

    [Fact]
    public void The_status_line_counts_the_chosen_cells_and_says_the_others_are_not_chosen_yet()
    {
        var text = StatusCommand.Describe(Adaptive());
        var line = text.Split('\n')[0];

        Assert.Equal("adapt: running · 40/45 chosen cells done · 3 running · 2 waiting · 1 failed · 2 diverged · 595 of 640 candidates not chosen yet", line);
        Assert.DoesNotContain("pending", text, StringComparison.Ordinal);
        Assert.Contains("Adaptive design (uncertainty policy): 12 decisions, still choosing", text, StringComparison.Ordinal);
        Assert.Contains("target: every series' α interval at most 0.02 wide", text, StringComparison.Ordinal);
        Assert.Contains("core-seconds: 812.5 spent, 950.3 committed, budget 3600", text, StringComparison.Ordinal);
        Assert.Contains("cells: 45 chosen, budget 500; 595 of 640 candidates not chosen yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_counts_progress_against_the_chosen_cells()
    {
        Assert.Equal("40/45 chosen (89%) of 640 candidates", DesignSummary.Progress(Adaptive(), DesignProgresses.Running()));
    }

    [Fact]
    public void Once_the_policy_stops_the_candidates_left_are_not_chosen_and_the_reason_is_given()
    {
        var text = StatusCommand.Describe(Adaptive("TargetMet", SweepState.Completed));

        Assert.Contains("· 595 of 640 candidates not chosen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not chosen yet", text, StringComparison.Ordinal);
        Assert.Contains("12 decisions, stopped: target met", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_series_shows_alpha_its_interval_and_width_against_the_target_and_its_units()
    {
        var table = DesignSummary.SeriesTable(DesignProgresses.Running());
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(@"^optimizer\s+s\s+alpha \(power\)\s+95% CI\s+width\s+target\s+met\s+units done\s+units queued$", rows[0]);
        Assert.Matches(@"^gd\s+1\s+0\.5120\s+\[0\.5030, 0\.5210\]\s+0\.0180\s+0\.02\s+✓\s+14\s+0$", rows[2]);
        Assert.Matches(@"^natural-gradient\s+1\.5\s+0\.7340\s+\[0\.7135, 0\.7545\]\s+0\.0410\s+0\.02\s+11\s+4$", rows[3]);
        // Not fitted yet: no α, no interval, the target still shown.
        Assert.Matches(@"^adam\s+1\s+0\.02\s+2\s+2$", rows[4]);
    }

    [Fact]
    public void A_design_without_target_or_budgets_says_so()
    {
        var status = Adaptive() with { Design = DesignProgresses.Running() with { TargetWidth = null, BudgetSeconds = null, BudgetCells = null } };

        var text = StatusCommand.Describe(status);

        Assert.Contains("target: none (runs to its budget)", text, StringComparison.Ordinal);
        Assert.Contains("core-seconds: 812.5 spent, 950.3 committed\n", text, StringComparison.Ordinal);
        Assert.Contains("cells: 45 chosen; 595", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_without_a_design_keeps_its_status_line_and_json()
    {
        var plain = Adaptive() with { Design = null, Pending = 596 };

        Assert.Equal("adapt: running · 40/640 done · 3 running · 596 pending · 1 failed · 2 diverged", StatusCommand.Describe(plain));
        Assert.False(StatusCommand.ToJson(plain).ContainsKey("design"));
    }

    [Fact]
    public void Status_json_carries_the_design_with_labels_and_each_series_interval()
    {
        var json = StatusCommand.ToJson(Adaptive("BudgetSpent"));

        var design = json["design"]!.AsObject();
        Assert.Equal("uncertainty", (string)design["policy"]!);
        Assert.Equal("budget-spent", (string)design["stop"]!);
        Assert.Equal(0.02, (double)design["target_width"]!);
        Assert.Equal(3600, (double)design["budget_seconds"]!);
        Assert.Equal(500, (int)design["budget_cells"]!);
        Assert.Equal(812.5, (double)design["spent_seconds"]!);
        Assert.Equal(950.25, (double)design["committed_seconds"]!);
        Assert.Equal(45, (int)design["cells_chosen"]!);
        Assert.Equal(12, (int)design["decisions"]!);
        var series = design["series"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(["gd", "natural-gradient", "adam"], series.Select(s => (string)s["optimizer"]!));
        Assert.Equal(0.7135, (double)series[1]["alpha_ci_low"]!, 12);
        Assert.Equal(0.7545, (double)series[1]["alpha_ci_high"]!, 12);
        Assert.Equal(4, (int)series[1]["units_queued"]!);
        Assert.True((bool)series[0]["meets_target"]!);
        Assert.Null(series[2]["alpha"]);
        Assert.Null(series[2]["width"]);
        Assert.Equal(640, (int)json["total"]!);
    }

    [Fact]
    public void A_plain_progress_line_counts_chosen_cells_gives_no_eta_while_choosing_and_ends_with_the_widest_interval()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, interactive: false);

        display.Update(Adaptive());
        display.Update(Adaptive("TargetMet", SweepState.Completed), final: true);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("40/45 chosen done (2 diverged) · 3 running · 1 failed · 0.0 cells/s · 595 of 640 candidates not chosen yet · running", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" · widest α interval 0.0410 (target 0.02) · 6 units queued", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" · 6 units queued · stopped: target met", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_live_view_draws_each_series_interval_target_and_queued_units_under_the_bar()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, interactive: true, window: (200, 60));

        display.Update(Adaptive(), table: "\nScaling exponents (the aggregator's table)\n");

        var frame = output.ToString();
        // The bar is filled to the chosen cells finished (40 of 45), not to the candidates (40 of 640).
        Assert.Contains($"[{new string('#', 27)}{new string('.', 3)}] 40/45 chosen done", frame, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^natural-gradient\s+1\.5\s+0\.7340\s+\[0\.7135, 0\.7545\]\s+0\.0410\s+0\.02\s+11\s+4$", frame);
        Assert.Contains("Scaling exponents (the aggregator's table)", frame, StringComparison.Ordinal);
        Assert.True(frame.IndexOf("Adaptive design", StringComparison.Ordinal) < frame.IndexOf("Scaling exponents", StringComparison.Ordinal));
    }

    [Fact]
    public void Starting_or_resuming_an_adaptive_sweep_speaks_of_candidates_not_remaining_cells()
    {
        var started = new SubmitOutcome(SubmitKind.Started, Adaptive() with { Done = 0, Failed = 0, Diverged = 0, Running = 0, Design = null }, []);
        var resumed = new SubmitOutcome(SubmitKind.Attached, Adaptive(), []);

        Assert.Equal("Started adaptive sweep 'adapt': 640 candidate cells; its policy chooses which of them run.", SweepSession.Describe(started, adaptive: true));
        Assert.Equal("Resuming adaptive sweep 'adapt': 40 cells done; its policy chooses among the 600 candidates left.", SweepSession.Describe(resumed));
        Assert.StartsWith("Started sweep 'adapt': 640 cells.", SweepSession.Describe(started), StringComparison.Ordinal);
    }
}
