using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class ReproducibilityTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 200, Steps = 100 };

    private static List<Observation> Sweep()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 21);
        data.AddRange(SyntheticSweep.Series("natural-gradient", 1.0, 0.01, 1, 0.6, 0.05, 22));
        data.AddRange(SyntheticSweep.Series("gd", 2.0, 0.001, 1, 0.9, 0.05, 23));
        data.Add(new Observation("gd", 1.0, 128, 7, double.NaN, true));
        return data;
    }

    [Fact]
    public void Refit_is_identical_bit_for_bit()
    {
        string first = JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(Sweep(), Options));
        string second = JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(Sweep(), Options));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Observation_order_does_not_matter()
    {
        var data = Sweep();
        var shuffled = data.OrderBy(o => (o.Seed * 7919 + o.Size * 31) % 101).ThenBy(o => o.Optimizer).ToList();

        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)),
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(shuffled, Options)));
    }

    [Fact]
    public void A_duplicated_observation_changes_nothing()
    {
        var data = Sweep();
        var withDuplicate = data.Append(data[5]).Append(data[^1]).ToList();

        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)),
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(withDuplicate, Options)));
    }

    [Fact]
    public void Incremental_entry_points_agree_with_the_full_analysis()
    {
        var data = Sweep();
        var analysis = ScalingLawAnalysis.Analyze(data, Options);

        var series = ScalingLawAnalysis.FitSeries("natural-gradient", 1.0, data, Options);
        var byOptimizer = data.Where(o => o.Spectrum == 1.0).GroupBy(o => o.Optimizer)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Observation>)g.ToList());
        var comparison = ScalingLawAnalysis.CompareAtSpectrum(1.0, byOptimizer, Options);

        Assert.Equal(
            JsonSerializer.Serialize(analysis.Fits.Where(f => f.Optimizer == "natural-gradient" && f.Spectrum == 1.0)),
            JsonSerializer.Serialize(series));
        Assert.Equal(
            JsonSerializer.Serialize(analysis.Shifts.Where(s => s.Spectrum == 1.0)),
            JsonSerializer.Serialize(comparison.Shifts));
        Assert.Equal(
            JsonSerializer.Serialize(analysis.SharedExponent.Single(t => t.Spectrum == 1.0)),
            JsonSerializer.Serialize(comparison.SharedExponent));
    }

    [Fact]
    public void The_bootstrap_seed_is_what_the_intervals_depend_on()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 21);

        var a = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options)[1];
        var b = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options with { BootstrapSeed = 12345 })[1];

        Assert.Equal(a.Alpha, b.Alpha);
        Assert.NotEqual(a.AlphaCiLow, b.AlphaCiLow);
    }

    [Fact]
    public void Thread_count_does_not_change_the_result()
    {
        var data = Sweep();

        Assert.Equal(
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)),
            JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options with { MaxDegreeOfParallelism = 3 })));
    }
}
