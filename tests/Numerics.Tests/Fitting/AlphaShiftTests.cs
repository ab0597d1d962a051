using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class AlphaShiftTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 300 };

    [Fact]
    public void Pairing_cancels_noise_shared_by_the_same_problem()
    {
        // The optimizer's loss on each (size, seed) problem is the baseline's times N^(-0.1): every paired resample
        // of the power-law shift is exactly 0.1, while each exponent alone is uncertain.
        var baseline = SyntheticSweep.Series("gd", 1.0, 0, 1, 0.3, 0.2, 51);
        var data = baseline.Concat(baseline.Select(o => o with { Optimizer = "ng", FinalLoss = o.FinalLoss * Math.Pow(o.Size, -0.1) })).ToList();

        var analysis = ScalingLawAnalysis.Analyze(data, Options);
        var shift = analysis.Shifts.Single(s => s.Law == LawNames.Power);
        var gd = analysis.Fits.Single(f => f.Optimizer == "gd" && f.Law == LawNames.Power);

        Assert.Equal("ng", shift.Optimizer);
        Assert.Equal(0.1, shift.Shift!.Value, 10);
        Assert.Equal(0.1, shift.ShiftCiLow!.Value, 10);
        Assert.Equal(0.1, shift.ShiftCiHigh!.Value, 10);
        Assert.True(gd.AlphaBootCiHigh - gd.AlphaBootCiLow > 0.02);
        Assert.Equal(300, shift.BootstrapValid);
    }

    [Fact]
    public void Shift_and_ratio_intervals_cover_the_truth()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.005, 1, 0.3, 0.05, 52, sizes: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096], seeds: 8);
        data.AddRange(SyntheticSweep.Series("natural-gradient", 1.0, 0.005, 1, 0.6, 0.05, 53, sizes: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096], seeds: 8));

        var shifts = ScalingLawAnalysis.Analyze(data, Options).Shifts;
        var saturating = shifts.Single(s => s.Law == LawNames.Saturating);

        Assert.InRange(0.3, saturating.ShiftCiLow!.Value, saturating.ShiftCiHigh!.Value);
        Assert.InRange(2.0, saturating.RatioCiLow!.Value, saturating.RatioCiHigh!.Value);
        Assert.Equal(saturating.Alpha / saturating.AlphaBaseline, saturating.Ratio);
        var power = shifts.Single(s => s.Law == LawNames.Power);
        Assert.True(power.ShiftCiLow > 0);
    }

    [Fact]
    public void No_baseline_means_no_shifts()
    {
        var data = SyntheticSweep.Series("adam", 1.0, 0, 1, 0.3, 0.05, 54);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0, 1, 0.5, 0.05, 55));

        Assert.Empty(ScalingLawAnalysis.Analyze(data, Options).Shifts);
        Assert.Equal(2, ScalingLawAnalysis.Analyze(data, Options with { Baseline = "adam" }).Shifts.Count);
    }
}
