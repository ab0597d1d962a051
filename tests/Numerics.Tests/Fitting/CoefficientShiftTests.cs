using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class CoefficientShiftTests
{
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048];

    /// <summary>Two optimizers with the same exponent 0.4; adam's A is half of gd's and its floor <paramref name="floorShift"/> higher.</summary>
    private static List<Observation> SharedExponentData(double floor = 0.01, double floorShift = 0.01)
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: floor, a: 2.0, alpha: 0.4, noise: 0.05, seed: 91, sizes: Sizes, seeds: 6);
        data.AddRange(SyntheticSweep.Series("adam", 1.0, e: floor + floorShift, a: 1.0, alpha: 0.4, noise: 0.05, seed: 92, sizes: Sizes, seeds: 6));
        return data;
    }

    [Fact]
    public void A_known_coefficient_ratio_is_found_at_a_fixed_exponent()
    {
        var analysis = ScalingLawAnalysis.Analyze(SharedExponentData(), new FitOptions { BootstrapResamples = 300, FixedAlpha = 0.4 });

        var saturating = analysis.CoefficientShifts.Single(c => c.Law == LawNames.Saturating);
        Assert.Equal(("adam", "gd", 0.4, ExponentSources.Fixed), (saturating.Optimizer, saturating.Baseline, saturating.Alpha!.Value, saturating.AlphaSource));
        Assert.InRange(0.5, saturating.ARatioCiLow!.Value, saturating.ARatioCiHigh!.Value);
        Assert.InRange(saturating.ARatio!.Value, 0.45, 0.55);
        Assert.InRange(0.01, saturating.EShiftCiLow!.Value, saturating.EShiftCiHigh!.Value);
        Assert.Equal(saturating.E - saturating.EBaseline, saturating.EShift);
        Assert.Equal(300, saturating.BootstrapValid);

        // The point estimates are those of the series fits.
        var fits = analysis.Fits.Where(f => f.Law == LawNames.Saturating).ToDictionary(f => f.Optimizer);
        Assert.Equal(fits["adam"].A / fits["gd"].A, saturating.ARatio);
        var power = analysis.CoefficientShifts.Single(c => c.Law == LawNames.Power);
        Assert.Null(power.EShift);
        Assert.Null(power.E);
    }

    [Fact]
    public void Without_a_fixed_exponent_the_shared_one_is_used_and_its_verdict_carried()
    {
        // Pure power laws: the shared exponent is the power law's, 0.4.
        var analysis = ScalingLawAnalysis.Analyze(SharedExponentData(floor: 0, floorShift: 0), new FitOptions { BootstrapResamples = 300 });
        var shared = analysis.SharedExponent.Single();

        Assert.All(analysis.CoefficientShifts, c =>
        {
            Assert.Equal(ExponentSources.Shared, c.AlphaSource);
            Assert.Equal(shared.SharedAlpha, c.Alpha);
            Assert.Equal(shared.Verdict, c.Verdict);
        });
        Assert.Equal(SharedExponentVerdicts.Shared, shared.Verdict);
        Assert.InRange(shared.SharedAlpha!.Value, 0.38, 0.42);
        var power = analysis.CoefficientShifts.Single(c => c.Law == LawNames.Power);
        Assert.InRange(0.5, power.ARatioCiLow!.Value, power.ARatioCiHigh!.Value);
    }

    [Fact]
    public void Pairing_cancels_noise_shared_by_the_same_problem()
    {
        // The optimizer's loss on each (size, seed) problem is the baseline's times 0.6: every paired resample of the
        // power-law ratio is exactly 0.6, while each A alone is uncertain.
        var baseline = SyntheticSweep.Series("gd", 1.0, 0, 1, 0.3, 0.2, 93);
        var data = baseline.Concat(baseline.Select(o => o with { Optimizer = "ng", FinalLoss = o.FinalLoss * 0.6 })).ToList();

        var analysis = ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 200 });
        var power = analysis.CoefficientShifts.Single(c => c.Law == LawNames.Power);

        Assert.Equal(0.6, power.ARatio!.Value, 10);
        Assert.Equal(0.6, power.ARatioCiLow!.Value, 10);
        Assert.Equal(0.6, power.ARatioCiHigh!.Value, 10);
        Assert.Equal(SharedExponentVerdicts.Shared, power.Verdict);
    }

    [Fact]
    public void The_list_is_always_written_and_empty_without_a_baseline()
    {
        var data = SyntheticSweep.Series("adam", 1.0, 0, 1, 0.3, 0.05, 94);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0, 1, 0.5, 0.05, 95));

        var analysis = ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 0 });
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(analysis));

        Assert.Empty(analysis.CoefficientShifts);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("coefficient_shifts").ValueKind);
        Assert.Equal(2, ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 0, Baseline = "adam" }).CoefficientShifts.Count);
        Assert.Empty(JsonSerializer.Deserialize<SweepAnalysis>("""{"fits":[],"shifts":[],"shared_exponent":[],"diagnostics":[]}""")!.CoefficientShifts);
    }

    [Fact]
    public void Without_an_exponent_the_rows_have_no_values()
    {
        // One size each: no shared exponent can be estimated.
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1, 0.3, 0.05, 96, sizes: [64]);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0, 1, 0.5, 0.05, 97, sizes: [64]));

        var rows = ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 50 }).CoefficientShifts;

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Null(r.Alpha);
            Assert.Null(r.ARatio);
            Assert.Equal(SharedExponentVerdicts.InsufficientData, r.Verdict);
            Assert.Equal(0, r.BootstrapRequested);
        });
    }

    [Fact]
    public void Thread_count_does_not_change_the_coefficient_shifts()
    {
        var data = SharedExponentData();
        var options = new FitOptions { BootstrapResamples = 100 };

        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, options).CoefficientShifts),
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, options with { MaxDegreeOfParallelism = 3 }).CoefficientShifts));
    }
}
