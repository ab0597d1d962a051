using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class AnalysisContractTests
{
    private static List<Observation> TwoOptimizers()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0.01, a: 1.0, alpha: 0.3, noise: 0.05, seed: 3);
        data.AddRange(SyntheticSweep.Series("natural-gradient", 1.0, e: 0.01, a: 1.0, alpha: 0.6, noise: 0.05, seed: 4));
        return data;
    }

    [Fact]
    public void Analyze_fits_both_laws_per_series_and_shifts_against_the_baseline()
    {
        var analysis = ScalingLawAnalysis.Analyze(TwoOptimizers(), new FitOptions { BootstrapResamples = 200, Steps = 15 });

        Assert.Equal(
            ["gd/power", "gd/saturating", "natural-gradient/power", "natural-gradient/saturating"],
            analysis.Fits.Select(f => $"{f.Optimizer}/{f.Law}"));
        Assert.Equal(2, analysis.Shifts.Count);
        Assert.All(analysis.Shifts, s => Assert.Equal("gd", s.Baseline));
        var power = analysis.Shifts.Single(s => s.Law == LawNames.Power);
        Assert.Equal(analysis.Fits[2].Alpha - analysis.Fits[0].Alpha, power.Shift);
        Assert.Single(analysis.SharedExponent);
        var diagnostic = Assert.Single(analysis.Diagnostics);
        Assert.Equal(1024, diagnostic.MaxSize);
    }

    [Fact]
    public void Json_uses_the_contract_names_and_round_trips_doubles_exactly()
    {
        var analysis = ScalingLawAnalysis.Analyze(TwoOptimizers(), new FitOptions { BootstrapResamples = 200, Steps = 15 });

        string json = JsonSerializer.Serialize(analysis);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (string name in new[] { "fits", "shifts", "shared_exponent", "diagnostics" })
        {
            Assert.Equal(JsonValueKind.Array, root.GetProperty(name).ValueKind);
        }

        var fit = root.GetProperty("fits")[1];
        foreach (string name in new[] { "optimizer", "spectrum", "law", "alpha", "alpha_ci_low", "alpha_ci_high", "E", "A", "n_sizes", "n_cells", "flags" })
        {
            Assert.True(fit.TryGetProperty(name, out _), name);
        }

        Assert.Equal(analysis.Fits[1].Alpha, fit.GetProperty("alpha").GetDouble());
        Assert.Equal(analysis.Fits[1].E, fit.GetProperty("E").GetDouble());
        var shift = root.GetProperty("shifts")[0];
        foreach (string name in new[] { "optimizer", "baseline", "spectrum", "law", "alpha_shift", "shift_ci_low", "shift_ci_high", "ratio", "ratio_ci_low", "ratio_ci_high" })
        {
            Assert.True(shift.TryGetProperty(name, out _), name);
        }

        var shared = root.GetProperty("shared_exponent")[0];
        foreach (string name in new[] { "spectrum", "delta_aic", "f_statistic", "p_value", "verdict" })
        {
            Assert.True(shared.TryGetProperty(name, out _), name);
        }

        var diagnostic = root.GetProperty("diagnostics")[0];
        foreach (string name in new[] { "spectrum", "n_max", "k_gd", "ratio" })
        {
            Assert.True(diagnostic.TryGetProperty(name, out _), name);
        }

        var back = JsonSerializer.Deserialize<SweepAnalysis>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void Size_time_fits_use_the_contract_names_and_round_trip_exactly()
    {
        var data = SyntheticSweep.Curves("gd", 1.0, 0.02, 2.5, 0.3, 1, 0.5, 0.02, 6, sizes: [32, 64, 128, 256, 512], seeds: 3);
        var analysis = ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 100 });

        string json = JsonSerializer.Serialize(analysis);
        using var document = JsonDocument.Parse(json);
        var fit = Assert.Single(document.RootElement.GetProperty("size_time_fits").EnumerateArray());
        foreach (string name in new[]
        {
            "optimizer", "spectrum", "alpha", "alpha_ci_low", "alpha_ci_high", "alpha_fixed", "beta", "beta_ci_low", "beta_ci_high",
            "beta_fixed", "E", "E_ci_low", "E_ci_high", "A", "A_ci_low", "A_ci_high", "B", "B_ci_low", "B_ci_high", "n_sizes",
            "n_cells", "n_points", "min_tau", "max_tau", "rms_log", "bootstrap_valid", "flags",
        })
        {
            Assert.True(fit.TryGetProperty(name, out _), name);
        }

        Assert.Equal(analysis.SizeTimeFits[0].Beta, fit.GetProperty("beta").GetDouble());
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<SweepAnalysis>(json)));
        // Analyses without curves still carry the (empty) list.
        Assert.Contains("\"size_time_fits\":[]", JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(TwoOptimizers(), new FitOptions { BootstrapResamples = 0 })));
    }

    [Fact]
    public void Undefined_values_serialise_as_null()
    {
        // One size: nothing can be fitted; the result must still serialise.
        var data = SyntheticSweep.Series("gd", 2.0, e: 0, a: 1, alpha: 0.5, noise: 0.1, seed: 5, sizes: [64]);

        var fits = ScalingLawAnalysis.FitSeries("gd", 2.0, data, new FitOptions());
        string json = JsonSerializer.Serialize(fits);

        Assert.All(fits, f => Assert.Null(f.Alpha));
        Assert.All(fits, f => Assert.Contains(FitFlags.InsufficientData, f.Flags));
        Assert.Contains("\"alpha\":null", json);
    }
}
