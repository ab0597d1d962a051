using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Telemetry.Tests;

[Collection(MeterCollection.Name)]
public sealed class FitGaugesTests
{
    private const string Alpha = "orchestrator.fit.alpha";
    private const string Coefficient = "orchestrator.fit.coefficient";
    private const string HoldoutLogError = "orchestrator.fit.holdout_log_error";
    private const string Flag = "orchestrator.fit.flag";
    private const string CoefficientShift = "orchestrator.fit.coefficient_shift";
    private const string RankBeta = "orchestrator.fit.rank_beta";

    private static readonly string[] Gauges = [Alpha, "orchestrator.fit.beta", Coefficient, HoldoutLogError, Flag, CoefficientShift, RankBeta];

    private static readonly (string, string)[] MomentumSeries =
        [("sweep", "sw"), ("optimizer", "momentum"), ("spectrum", "1.25"), ("law", "saturating")];

    /// <summary>A saturating fit with every figure known, two of them flagged.</summary>
    private static SeriesFit Saturating(string optimizer = "momentum", params string[] flags) =>
        FitResults.Series(optimizer, 1.25, LawNames.Saturating, 0.62, 0.57, 0.66) with
        {
            E = 0.11, ECiLow = 0.09, ECiHigh = 0.13,
            A = 3.5, ACiLow = 3.1, ACiHigh = 4.0,
            HoldoutLogError = -0.042,
            Flags = flags,
        };

    [Fact]
    public void A_series_publishes_alpha_its_coefficients_holdout_error_and_flags_with_its_labels()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.Fits.Publish("sw", FitResults.Analysis(Saturating(flags: [FitFlags.NotSettled, FitFlags.DoesNotExtrapolate])));

        var alpha = recorder.Observe(Alpha);
        Assert.Equal(3, alpha.Count);
        Assert.All(alpha, m => Assert.True(m.Has(MomentumSeries)));
        Assert.All(alpha, m => Assert.Equal(5, m.Tags.Count));
        Assert.Equal(0.62, alpha.Single(m => m.Has(("bound", "estimate"))).Value);
        Assert.Equal(0.57, alpha.Single(m => m.Has(("bound", "low"))).Value);
        Assert.Equal(0.66, alpha.Single(m => m.Has(("bound", "high"))).Value);

        var coefficients = recorder.Observe(Coefficient);
        Assert.Equal(6, coefficients.Count);
        Assert.All(coefficients, m => Assert.True(m.Has(MomentumSeries)));
        Assert.All(coefficients, m => Assert.Equal(6, m.Tags.Count));
        double CoefficientAt(string name, string bound) => coefficients.Single(m => m.Has(("coefficient", name), ("bound", bound))).Value;
        Assert.Equal([0.11, 0.09, 0.13], [CoefficientAt("E", "estimate"), CoefficientAt("E", "low"), CoefficientAt("E", "high")]);
        Assert.Equal([3.5, 3.1, 4.0], [CoefficientAt("A", "estimate"), CoefficientAt("A", "low"), CoefficientAt("A", "high")]);

        var holdout = Assert.Single(recorder.Observe(HoldoutLogError));
        Assert.Equal(-0.042, holdout.Value);
        Assert.True(holdout.Has(MomentumSeries));
        Assert.Equal(4, holdout.Tags.Count);

        var flags = recorder.Observe(Flag);
        Assert.Equal(["does-not-extrapolate", "not-settled"], flags.Select(m => m.Tags["flag"]).Order());
        Assert.All(flags, m => Assert.Equal(1, m.Value));
        Assert.All(flags, m => Assert.True(m.Has(MomentumSeries)));
    }

    [Fact]
    public void A_size_time_fit_publishes_alpha_beta_and_three_coefficients_under_its_own_law()
    {
        using var recorder = new MeasurementRecorder();
        var fit = new SizeTimeFit
        {
            Optimizer = "gd", Spectrum = 1.0, SizeCount = 4, CellCount = 12, PointCount = 200,
            Alpha = 0.31, AlphaCiLow = 0.29, AlphaCiHigh = 0.33,
            Beta = 0.52, BetaCiLow = 0.48, BetaCiHigh = 0.55,
            E = 0.02, A = 2.5, B = 1.1, BCiLow = 0.9, BCiHigh = 1.3,
            Flags = [FitFlags.NarrowTimeSpan],
        };
        recorder.Metrics.Fits.Publish("sw", SweepAnalysis.Empty with { SizeTimeFits = [fit] });

        (string, string)[] series = [("sweep", "sw"), ("optimizer", "gd"), ("spectrum", "1"), ("law", "size-time")];
        var beta = recorder.Observe("orchestrator.fit.beta");
        Assert.Equal([0.48, 0.52, 0.55], beta.Select(m => m.Value).Order());
        Assert.All(beta, m => Assert.True(m.Has(series)));
        Assert.Equal(0.31, recorder.Observe(Alpha).Single(m => m.Has(series) && m.Has(("bound", "estimate"))).Value);
        var coefficients = recorder.Observe(Coefficient);
        Assert.Equal(["A", "B", "B", "B", "E"], coefficients.Select(m => m.Tags["coefficient"]).Order());
        Assert.Equal(1.3, coefficients.Single(m => m.Has(("coefficient", "B"), ("bound", "high"))).Value);
        Assert.Equal("narrow-time-span", Assert.Single(recorder.Observe(Flag)).Tags["flag"]);
        Assert.Empty(recorder.Observe(HoldoutLogError));
    }

    [Fact]
    public void Values_that_are_missing_or_not_finite_are_left_out()
    {
        using var recorder = new MeasurementRecorder();
        // The power law's E is 0 by definition, with no interval; its A has an estimate and a lower bound only.
        var power = FitResults.Series("sgd", 2, LawNames.Power, 0.7, double.NaN, double.PositiveInfinity) with
        {
            E = 0,
            A = 2.5,
            ACiLow = 2.0,
            ACiHigh = double.NaN,
            HoldoutLogError = double.NaN,
        };
        var insufficient = FitResults.Series("adam", 2, LawNames.Saturating, alpha: null) with { Flags = [FitFlags.InsufficientData] };
        recorder.Metrics.Fits.Publish("sw", FitResults.Analysis(power, insufficient));

        var alpha = Assert.Single(recorder.Observe(Alpha));
        Assert.Equal(("estimate", 0.7), (alpha.Tags["bound"], alpha.Value));
        Assert.Equal(
            ["E/estimate=0", "A/estimate=2.5", "A/low=2"],
            recorder.Observe(Coefficient).Select(m => $"{m.Tags["coefficient"]}/{m.Tags["bound"]}={m.Value}"));
        Assert.Empty(recorder.Observe(HoldoutLogError));
        // A series with no estimate still shows why.
        var flag = Assert.Single(recorder.Observe(Flag));
        Assert.True(flag.Has(("optimizer", "adam"), ("flag", "insufficient-data")));
    }

    [Fact]
    public void A_refit_replaces_the_figures_of_a_series_entirely()
    {
        using var recorder = new MeasurementRecorder();
        var fits = recorder.Metrics.Fits;
        fits.Publish("sw", FitResults.Analysis(Saturating(flags: [FitFlags.NotSettled, FitFlags.OutlierSensitive]), Saturating("adam")));
        Assert.Equal(2, recorder.Observe(Flag).Count);

        // The next refit: not-settled went away, the holdout is no longer known, and adam is no longer fitted.
        fits.Publish("sw", FitResults.Analysis(Saturating(flags: [FitFlags.OutlierSensitive]) with { HoldoutLogError = null, A = 3.6 }));

        var flag = Assert.Single(recorder.Observe(Flag));
        Assert.Equal("outlier-sensitive", flag.Tags["flag"]);
        Assert.Empty(recorder.Observe(HoldoutLogError));
        Assert.Equal(3.6, recorder.Observe(Coefficient).Single(m => m.Has(("coefficient", "A"), ("bound", "estimate"))).Value);
        Assert.All(Gauges.SelectMany(recorder.Observe), m => Assert.Equal("momentum", m.Tags["optimizer"]));
    }

    [Fact]
    public void Only_known_flags_are_published_each_once()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.Fits.Publish("sw", FitResults.Analysis(
            Saturating(flags: ["cell-0042", FitFlags.AlphaAtBound, FitFlags.EAtBound, FitFlags.AlphaAtBound, ""])));

        Assert.Equal(["E-at-bound", "alpha-at-bound"], recorder.Observe(Flag).Select(m => m.Tags["flag"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Coefficient_shifts_publish_the_ratio_of_A_and_the_shift_of_E_against_the_baseline()
    {
        using var recorder = new MeasurementRecorder();
        var saturating = FitResults.Shift("adam", "sgd", 1.5, LawNames.Saturating) with
        {
            ARatio = 0.8, ARatioCiLow = 0.7, ARatioCiHigh = 0.9,
            EShift = -0.02, EShiftCiLow = -0.05, EShiftCiHigh = 0.01,
        };
        // The power law has no floor: no E shift.
        var power = FitResults.Shift("adam", "sgd", 1.5, LawNames.Power) with
        {
            ARatio = 0.75, ARatioCiLow = 0.6, ARatioCiHigh = double.NaN,
            Verdict = SharedExponentVerdicts.Separate,
        };
        recorder.Metrics.Fits.Publish("sw", SweepAnalysis.Empty with { CoefficientShifts = [saturating, power] });

        var shifts = recorder.Observe(CoefficientShift);
        Assert.Equal(8, shifts.Count);
        Assert.All(shifts, m => Assert.True(m.Has(("sweep", "sw"), ("optimizer", "adam"), ("baseline", "sgd"), ("spectrum", "1.5"))));
        Assert.All(shifts, m => Assert.Equal(8, m.Tags.Count));
        string Key(RecordedMeasurement m) => $"{m.Tags["law"]} {m.Tags["verdict"]} {m.Tags["quantity"]} {m.Tags["bound"]}={m.Value}";
        Assert.Equal(
            [
                "power separate A_ratio estimate=0.75", "power separate A_ratio low=0.6",
                "saturating shared A_ratio estimate=0.8", "saturating shared A_ratio high=0.9", "saturating shared A_ratio low=0.7",
                "saturating shared E_shift estimate=-0.02", "saturating shared E_shift high=0.01", "saturating shared E_shift low=-0.05",
            ],
            shifts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rank_exponents_are_published_per_bucket_and_kind()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.Fits.Publish("ranks", SweepAnalysis.Empty with { RankFits = [FitResults.Rank("muon", 1, "tail", "hard", 1.02, 0.9, 1.1)] });

        var beta = recorder.Observe(RankBeta);
        Assert.Equal(3, beta.Count);
        Assert.All(beta, m => Assert.True(m.Has(("sweep", "ranks"), ("optimizer", "muon"), ("spectrum", "1"), ("bucket", "tail"), ("kind", "hard"))));
        Assert.Equal(1.02, beta.Single(m => m.Has(("bound", "estimate"))).Value);
    }

    [Fact]
    public void Removing_a_sweeps_fits_clears_every_fit_gauge_of_that_sweep_only()
    {
        using var recorder = new MeasurementRecorder();
        SweepAnalysis Everything(string optimizer) => FitResults.Analysis(Saturating(optimizer, FitFlags.NotSettled)) with
        {
            CoefficientShifts = [FitResults.Shift(optimizer, "sgd", 1.25, LawNames.Saturating) with { ARatio = 0.9, EShift = 0.01 }],
            RankFits = [FitResults.Rank(optimizer, 1.25, "all", "soft", 0.5, 0.4, 0.6)],
            SizeTimeFits = [new SizeTimeFit { Optimizer = optimizer, Spectrum = 1.25, SizeCount = 4, CellCount = 8, PointCount = 80, Alpha = 0.3, Beta = 0.5, Flags = [] }],
        };
        recorder.Metrics.Fits.Publish("gone", Everything("momentum"));
        recorder.Metrics.Fits.Publish("kept", Everything("adam"));
        Assert.All(Gauges, gauge => Assert.Contains(recorder.Observe(gauge), m => m.Tags["sweep"] == "gone"));

        recorder.Metrics.Fits.Remove("gone");

        Assert.All(Gauges, gauge =>
        {
            var measurements = recorder.Observe(gauge);
            Assert.NotEmpty(measurements);
            Assert.All(measurements, m => Assert.Equal("kept", m.Tags["sweep"]));
        });
    }

    [Fact]
    public void An_analysis_with_a_label_out_of_bounds_is_refused_and_the_previous_figures_stay()
    {
        using var recorder = new MeasurementRecorder();
        var fits = recorder.Metrics.Fits;
        fits.Publish("sw", FitResults.Analysis(Saturating()));

        Assert.Throws<ArgumentException>(() => fits.Publish("has space", FitResults.Analysis(Saturating())));
        Assert.Throws<ArgumentException>(() => fits.Publish("sw", FitResults.Analysis(Saturating(), Saturating(" "))));
        Assert.Throws<ArgumentOutOfRangeException>(() => fits.Publish("sw", FitResults.Analysis(Saturating() with { Spectrum = double.NaN })));
        Assert.Throws<ArgumentException>(() => fits.Publish("sw", SweepAnalysis.Empty with
        {
            CoefficientShifts = [FitResults.Shift("adam", "", 1, LawNames.Power)],
        }));

        Assert.Equal(0.62, recorder.Observe(Alpha).Single(m => m.Has(("bound", "estimate"))).Value);
        Assert.All(Gauges.SelectMany(recorder.Observe), m => Assert.True(m.Has(MomentumSeries)));
    }
}
