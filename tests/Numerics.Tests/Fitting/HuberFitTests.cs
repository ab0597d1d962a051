using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class HuberFitTests
{
    private static readonly FitOptions LeastSquares = new() { BootstrapResamples = 200 };
    private static readonly FitOptions Huber = LeastSquares with { HuberDelta = HuberLoss.DefaultDelta };

    /// <summary>L = N^(−0.3) with 5% noise, 6 sizes × 5 seeds; with an outlier, seed 0 at the largest size is 10× the law.</summary>
    private static List<Observation> Series(ulong seed, bool outlier) => WithOutlier(SyntheticSweep.Series("gd", 1.0, 0, 1.0, 0.3, 0.05, seed), outlier);

    private static List<Observation> WithOutlier(List<Observation> data, bool outlier)
    {
        int largest = data.Max(o => o.Size);
        return outlier
            ? data.Select(o => o.Size == largest && o.Seed == 0 ? o with { FinalLoss = o.FinalLoss * 10 } : o).ToList()
            : data;
    }

    private static SeriesFit Fit(List<Observation> data, FitOptions options, string law) =>
        ScalingLawAnalysis.FitSeries("gd", 1.0, data, options).Single(f => f.Law == law);

    /// <summary>
    /// The power law on L = N^(−0.3); the saturating law on L = 0.05 + N^(−0.5) over 16…4096, where its floor and
    /// exponent are identified. Either way seed 0 at the largest size is 10× the law.
    /// </summary>
    [Theory]
    [InlineData(LawNames.Power, 0.3)]
    [InlineData(LawNames.Saturating, 0.5)]
    public void One_gross_outlier_seed_is_flagged_under_least_squares_and_Huber_finds_the_truth(string law, double truth)
    {
        var data = law == LawNames.Power
            ? Series(61, outlier: true)
            : WithOutlier(SyntheticSweep.Series("gd", 1.0, 0.05, 1.0, 0.5, 0.05, 60, sizes: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096]), outlier: true);

        var leastSquares = Fit(data, LeastSquares, law);
        var huber = Fit(data, Huber, law);

        Assert.Contains(FitFlags.OutlierSensitive, leastSquares.Flags);
        Assert.True(Math.Abs(leastSquares.Alpha!.Value - truth) > 0.05, $"least squares α {leastSquares.Alpha}");
        Assert.InRange(leastSquares.AlphaCheck!.Value, truth - 0.03, truth + 0.03);
        Assert.Equal(FitObjectives.Huber, huber.Objective);
        Assert.InRange(huber.Alpha!.Value, truth - 0.03, truth + 0.03);
        // The check searches the coarse grid: the same α to the polish's tolerance.
        Assert.Equal(leastSquares.AlphaCheck!.Value, huber.Alpha.Value, 1e-6);
        Assert.Equal(leastSquares.Alpha, huber.AlphaCheck);
        Assert.Contains(FitFlags.OutlierSensitive, huber.Flags);
    }

    [Theory]
    [InlineData(62UL)]
    [InlineData(63UL)]
    [InlineData(64UL)]
    public void A_clean_series_is_not_flagged(ulong seed)
    {
        var data = Series(seed, outlier: false);

        foreach (var options in new[] { LeastSquares, Huber })
        {
            var fits = ScalingLawAnalysis.FitSeries("gd", 1.0, data, options);
            Assert.All(fits, f => Assert.DoesNotContain(FitFlags.OutlierSensitive, f.Flags));
            var power = fits.Single(f => f.Law == LawNames.Power);
            Assert.InRange(Math.Abs(power.Alpha!.Value - power.AlphaCheck!.Value), 0, 0.02);
        }
    }

    [Fact]
    public void The_Huber_power_law_is_the_minimum_of_the_Huber_objective()
    {
        var data = Series(65, outlier: true);
        var fit = Fit(data, Huber, LawNames.Power);

        double Objective(double alpha, double logA) => data.Sum(o =>
            HuberLoss.Value(Math.Log(o.FinalLoss) - (logA + -alpha * Math.Log(o.Size)), HuberLoss.DefaultDelta));

        double best = Objective(fit.Alpha!.Value, Math.Log(fit.A!.Value));
        foreach (double da in new[] { -1e-4, 0, 1e-4 })
        foreach (double dl in new[] { -1e-4, 0, 1e-4 })
        {
            Assert.True(Objective(fit.Alpha.Value + da, Math.Log(fit.A.Value) + dl) >= best - 1e-12, $"({da}, {dl}) improves on the fit");
        }

        Assert.Null(fit.AlphaStandardError);
        Assert.Equal(fit.AlphaBootCiLow, fit.AlphaCiLow);
    }

    [Fact]
    public void The_Huber_saturating_law_has_no_better_point_nearby()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.05, 1.0, 0.5, 0.05, 66);
        data[^1] = data[^1] with { FinalLoss = data[^1].FinalLoss * 3 };
        var fit = Fit(data, Huber, LawNames.Saturating);

        double Objective(double alpha, double e, double a) => data.Sum(o =>
            HuberLoss.Value(Math.Log(o.FinalLoss) - Math.Log(e + a * Math.Pow(o.Size, -alpha)), HuberLoss.DefaultDelta));

        var (alphaFit, eFit, aFit) = (fit.Alpha!.Value, fit.E!.Value, fit.A!.Value);
        double best = Objective(alphaFit, eFit, aFit);
        foreach (double da in new[] { -1e-3, 0, 1e-3 })
        foreach (double de in new[] { -1e-3, 0, 1e-3 })
        foreach (double dA in new[] { -1e-3, 0, 1e-3 })
        {
            double e = eFit * (1 + de), a = aFit * (1 + dA);
            Assert.True(Objective(alphaFit + da, e, a) >= best - 1e-9, $"({da}, {de}, {dA}) improves on the fit");
        }

        Assert.InRange(alphaFit, 0.4, 0.6);
    }

    [Fact]
    public void A_delta_larger_than_every_residual_is_least_squares()
    {
        var data = Series(67, outlier: true);

        var leastSquares = ScalingLawAnalysis.FitSeries("gd", 1.0, data, LeastSquares with { BootstrapResamples = 0 });
        var wide = ScalingLawAnalysis.FitSeries("gd", 1.0, data, LeastSquares with { BootstrapResamples = 0, HuberDelta = 1e6 });

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(leastSquares[i].Alpha!.Value, wide[i].Alpha!.Value, 1e-6);
            Assert.Equal(leastSquares[i].A!.Value, wide[i].A!.Value, 1e-6 * leastSquares[i].A!.Value);
        }
    }

    [Fact]
    public void Huber_shifts_use_the_Huber_exponents()
    {
        var data = Series(68, outlier: true);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0, 1.0, 0.5, 0.05, 69));

        var analysis = ScalingLawAnalysis.Analyze(data, Huber);
        var shift = analysis.Shifts.Single(s => s.Law == LawNames.Power);
        var fits = analysis.Fits.Where(f => f.Law == LawNames.Power).ToDictionary(f => f.Optimizer);

        Assert.Equal(fits["ng"].Alpha - fits["gd"].Alpha, shift.Shift);
        Assert.InRange(shift.Shift!.Value, 0.17, 0.23);
        Assert.InRange(shift.Shift.Value, shift.ShiftCiLow!.Value, shift.ShiftCiHigh!.Value);
    }

    [Fact]
    public void Huber_fits_do_not_depend_on_thread_count_or_refit()
    {
        var data = Series(70, outlier: true);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0.01, 1.0, 0.5, 0.05, 71));

        string once = JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Huber));
        Assert.Equal(once, JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Huber)));
        Assert.Equal(once, JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Huber with { MaxDegreeOfParallelism = 3 })));
    }
}
