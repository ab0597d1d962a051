using Orchestrator.Numerics.Fitting;
using System.Globalization;
using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A silo publishes a sweep's gauges only while it hosts the grain behind them: a finished sweep's progress is
/// dropped after the grace, and a grain that deactivates takes its series with it.
/// </summary>
public sealed class SweepGaugeTests
{
    private const string Cells = "orchestrator.sweep.cells";
    private const string Eta = "orchestrator.sweep.eta";
    private const string Alpha = "orchestrator.fit.alpha";
    private const string Coefficient = "orchestrator.fit.coefficient";
    private const string HoldoutLogError = "orchestrator.fit.holdout_log_error";
    private const string Flag = "orchestrator.fit.flag";
    private const string CoefficientShift = "orchestrator.fit.coefficient_shift";

    /// <summary>The fit gauges a finished tiny sweep publishes: its 3 sizes span under a decade, so every fit is flagged.</summary>
    private static readonly string[] Fits = [Alpha, Coefficient, HoldoutLogError, Flag, CoefficientShift];

    private static bool NoProgress(IReadOnlySet<string> gauges) => !gauges.Contains(Cells) && !gauges.Contains(Eta);

    [Fact]
    public async Task A_finished_sweeps_progress_is_published_until_the_grace_passes()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(),
            finishedGaugeGrace: TimeSpan.FromSeconds(3));
        using var gauges = new SiloGauges(cluster.Cluster.Primary);
        var spec = TestSpecs.Tiny("gauges-grace");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Contains(Cells, gauges.Of(spec.Name));
        Assert.True(await gauges.WaitAsync(spec.Name, NoProgress, TimeSpan.FromSeconds(20)),
            $"still published: {string.Join(", ", gauges.Of(spec.Name))}");
        // Nothing asks a finished sweep to publish again.
        await sweep.GetStatusAsync();
        Assert.True(NoProgress(gauges.Of(spec.Name)));
    }

    [Fact]
    public async Task A_cancelled_sweeps_progress_is_dropped_once_nothing_is_in_flight()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(),
            finishedGaugeGrace: TimeSpan.FromSeconds(1));
        using var gauges = new SiloGauges(cluster.Cluster.Primary);
        var spec = TestSpecs.Slow("gauges-cancel");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitAsync(sweep, s => s.Running > 0);
        Assert.True(await gauges.WaitAsync(spec.Name, g => g.Contains(Cells), TimeSpan.FromSeconds(10)));

        var cancelled = await sweep.CancelNowAsync();

        Assert.Equal((SweepState.Cancelled, 0), (cancelled.State, cancelled.Running));
        Assert.True(await gauges.WaitAsync(spec.Name, NoProgress, TimeSpan.FromSeconds(20)),
            $"still published: {string.Join(", ", gauges.Of(spec.Name))}");
    }

    [Fact]
    public async Task Deactivating_the_sweep_and_aggregator_grains_removes_their_series_from_the_silo()
    {
        // The default grace (30 s) outlasts the test: only deactivation can remove the series.
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        using var gauges = new SiloGauges(cluster.Cluster.Primary);
        var spec = TestSpecs.Tiny("gauges-deactivate");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitFinishedAsync(sweep);
        await aggregator.GetAnalysisAsync();
        Assert.Superset(new HashSet<string>(Fits) { Cells }, new HashSet<string>(gauges.Of(spec.Name)));

        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.True(await gauges.WaitAsync(spec.Name, g => g.Count == 0, TimeSpan.FromSeconds(20)),
            $"still published: {string.Join(", ", gauges.Of(spec.Name))}");

        // The aggregator's next activation fits the stored cells again and publishes the fits again.
        await aggregator.GetAnalysisAsync();
        Assert.Superset(new HashSet<string>(Fits), new HashSet<string>(gauges.Of(spec.Name)));
    }

    [Fact]
    public async Task The_aggregator_publishes_the_flags_coefficients_holdout_errors_and_shifts_of_its_analysis()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        using var gauges = new SiloGauges(cluster.Cluster.Primary);
        var spec = TestSpecs.Tiny("gauges-figures");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitFinishedAsync(sweep);

        var analysis = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetAnalysisAsync();

        static string Series(string optimizer, double spectrum, string law) =>
            $"{optimizer} {spectrum.ToString(CultureInfo.InvariantCulture)} {law}";
        static string Published(ObservedSeries s, string label) =>
            $"{s.Labels["optimizer"]} {s.Labels["spectrum"]} {s.Labels["law"]} {s.Labels[label]}";
        var flags = analysis.Fits.SelectMany(f => f.Flags.Select(flag => $"{Series(f.Optimizer, f.Spectrum, f.Law)} {flag}"))
            .Concat(analysis.SizeTimeFits.SelectMany(f => f.Flags.Select(flag => $"{Series(f.Optimizer, f.Spectrum, LawNames.SizeTime)} {flag}")))
            .Order().ToList();
        Assert.NotEmpty(flags);
        Assert.Equal(flags, gauges.Series(spec.Name, Flag).Select(s => Published(s, "flag")).Order());

        var coefficients = gauges.Series(spec.Name, Coefficient).Where(s => s.Labels["bound"] == "estimate").ToList();
        var holdouts = gauges.Series(spec.Name, HoldoutLogError);
        foreach (var fit in analysis.Fits)
        {
            var series = Series(fit.Optimizer, fit.Spectrum, fit.Law);
            Assert.Equal(fit.A, coefficients.SingleOrDefault(s => Published(s, "coefficient") == $"{series} A")?.Value);
            Assert.Equal(fit.HoldoutLogError, holdouts.SingleOrDefault(s => Published(s, "law") == $"{series} {fit.Law}")?.Value);
        }

        var ratios = gauges.Series(spec.Name, CoefficientShift).Where(s => s.Labels["quantity"] == "A_ratio" && s.Labels["bound"] == "estimate");
        Assert.NotEmpty(analysis.CoefficientShifts);
        Assert.Equal(
            analysis.CoefficientShifts.Where(c => c.ARatio is not null).Select(c => $"{Series(c.Optimizer, c.Spectrum, c.Law)} {c.Baseline} {c.ARatio}").Order(),
            ratios.Select(s => $"{Published(s, "baseline")} {s.Value}").Order());
    }
}
