using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class SpectralDiagnosticTests
{
    [Fact]
    public void Modes_learned_by_gd_follow_the_spectrum()
    {
        Assert.Equal(10.0, SpectralDiagnostics.ModesLearnedByGd(100, 2.0)!.Value, 12);
        Assert.Equal(15.0, SpectralDiagnostics.ModesLearnedByGd(15, 1.0)!.Value, 12);
        Assert.Equal(5.0, SpectralDiagnostics.ModesLearnedByGd(50, 2.0, etaKappa1: 0.5)!.Value, 12);
        Assert.Null(SpectralDiagnostics.ModesLearnedByGd(0, 1.0));
    }

    [Fact]
    public void Ratio_is_the_largest_size_over_k_gd()
    {
        var diagnostic = SpectralDiagnostics.Compute(spectrum: 2.0, maxSize: 1000, steps: 100);

        Assert.Equal(10.0, diagnostic.KGd!.Value, 12);
        Assert.Equal(100.0, diagnostic.Ratio!.Value, 10);
    }

    [Fact]
    public void Analysis_reports_one_diagnostic_per_spectrum_only_when_steps_are_known()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1, 0.3, 0.05, 61);
        data.AddRange(SyntheticSweep.Series("gd", 1.5, 0, 1, 0.3, 0.05, 62, sizes: [8, 80, 800]));

        var options = new FitOptions { BootstrapResamples = 0 };
        Assert.Empty(ScalingLawAnalysis.Analyze(data, options).Diagnostics);
        var diagnostics = ScalingLawAnalysis.Analyze(data, options with { Steps = 15 }).Diagnostics;

        Assert.Equal([1.0, 1.5], diagnostics.Select(d => d.Spectrum));
        Assert.Equal([1024, 800], diagnostics.Select(d => d.MaxSize));
        Assert.Equal(1024 / 15.0, diagnostics[0].Ratio!.Value, 10);
    }
}
