using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// The holdout prediction intervals hold the held-out point at about the nominal rate on data that follow the law
/// (the fast version of benchmarks/fit-extrapolation, which measures more designs with more repeats).
/// </summary>
public sealed class HoldoutCoverageTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>Power law on pure power-law data, 7 sizes × 3 seeds, 10% noise, 200 repeats: exact theory, so 91–99%.</summary>
    [Fact]
    public void Power_law_interval_holds_the_held_out_point_at_about_the_nominal_rate()
    {
        double coverage = Coverage(LawNames.Power, e: 0, Sizes[2..9], seeds: 3, resamples: 0, dataSeed: 30_000);

        Assert.InRange(coverage, 0.91, 0.99);
    }

    /// <summary>Saturating law, 10 sizes × 10 seeds, 10% noise, 300 resamples, 200 repeats: 90–99%.</summary>
    [Fact]
    public void Saturating_law_interval_holds_the_held_out_point_at_about_the_nominal_rate()
    {
        double coverage = Coverage(LawNames.Saturating, e: 0.02, Sizes, seeds: 10, resamples: 300, dataSeed: 40_000);

        Assert.InRange(coverage, 0.90, 0.99);
    }

    private double Coverage(string law, double e, int[] sizes, int seeds, int resamples, ulong dataSeed)
    {
        var options = new FitOptions { BootstrapResamples = resamples };
        int inside = 0, repeats = 200;
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var data = SyntheticSweep.Series("gd", 1.0, e, 1.5, 0.5, 0.1, dataSeed + (ulong)repeat, sizes, seeds);
            var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, options).Single(f => f.Law == law);
            inside += fit.HoldoutInside == true ? 1 : 0;
        }

        double coverage = (double)inside / repeats;
        output.WriteLine($"{law}: {coverage:P1} inside");
        return coverage;
    }
}
