using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class FixedExponentTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 400, FixedAlpha = 0.5 };

    [Fact]
    public void A_fixed_alpha_recovers_the_coefficients_within_their_intervals()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0.02, a: 2.0, alpha: 0.5, noise: 0.05, seed: 81, seeds: 8);

        var fits = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options);
        var saturating = fits.Single(f => f.Law == LawNames.Saturating);

        Assert.All(fits, f =>
        {
            Assert.Equal(0.5, f.Alpha);
            Assert.True(f.AlphaFixed);
            Assert.Null(f.AlphaCiLow);
            Assert.Null(f.AlphaCiHigh);
            Assert.Null(f.AlphaBootCiLow);
            Assert.Null(f.AlphaCheck);
            Assert.Equal(400, f.BootstrapValid);
        });
        Assert.InRange(0.02, saturating.ECiLow!.Value, saturating.ECiHigh!.Value);
        Assert.InRange(2.0, saturating.ACiLow!.Value, saturating.ACiHigh!.Value);
        Assert.True(saturating.ACiHigh - saturating.ACiLow < 0.2);
    }

    [Fact]
    public void The_power_law_at_a_fixed_alpha_recovers_A()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 3.0, alpha: 0.5, noise: 0.05, seed: 82);

        var power = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options).Single(f => f.Law == LawNames.Power);

        Assert.InRange(3.0, power.ACiLow!.Value, power.ACiHigh!.Value);
        // ln A is the mean of ln L + α ln N over the cells.
        double expected = Math.Exp(data.Average(o => Math.Log(o.FinalLoss) + 0.5 * Math.Log(o.Size)));
        Assert.Equal(expected, power.A!.Value, 12);
    }

    [Fact]
    public void Huber_at_a_fixed_alpha_ignores_an_outlier()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 3.0, alpha: 0.5, noise: 0.05, seed: 83);
        data[0] = data[0] with { FinalLoss = data[0].FinalLoss * 20 };

        var leastSquares = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options).Single(f => f.Law == LawNames.Power);
        var huber = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options with { HuberDelta = 1e-3 }).Single(f => f.Law == LawNames.Power);

        Assert.True(leastSquares.A > 3.2, $"least squares A {leastSquares.A}");
        Assert.InRange(huber.A!.Value, 2.85, 3.15);
        Assert.Equal(FitObjectives.Huber, huber.Objective);
    }

    [Fact]
    public void With_alpha_fixed_there_are_no_alpha_shifts()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1.0, 0.5, 0.05, 84);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0, 0.5, 0.5, 0.05, 85));

        var analysis = ScalingLawAnalysis.Analyze(data, Options);

        Assert.Empty(analysis.Shifts);
        Assert.Equal(2, analysis.CoefficientShifts.Count);
        Assert.All(analysis.CoefficientShifts, c => Assert.Equal(ExponentSources.Fixed, c.AlphaSource));
    }

    [Fact]
    public void The_incremental_analysis_equals_the_batch_one_in_every_mode()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 86, sizes: [32, 64, 128, 256], seeds: 3);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0.01, 1, 0.6, 0.05, 87, sizes: [32, 64, 128, 256], seeds: 3));
        data.AddRange(SyntheticSweep.Series("gd", 2.0, 0.01, 1, 0.8, 0.05, 88, sizes: [32, 64, 128, 256], seeds: 3));
        // Curves, so that every mode also has size × time fits to keep equal.
        data.AddRange(SyntheticSweep.Curves("gd", 3.0, 0.01, 1, 0.4, 0.5, 0.5, 0.05, 89, sizes: [32, 64, 128, 256], seeds: 3, steps: 200));
        data.AddRange(SyntheticSweep.Curves("ng", 3.0, 0.01, 1, 0.7, 0.5, 0.8, 0.05, 90, sizes: [32, 64, 128, 256], seeds: 3, steps: 200, learningRate: 0.5));
        foreach (var options in new[]
        {
            new FitOptions { BootstrapResamples = 60 },
            new FitOptions { BootstrapResamples = 60, FixedAlpha = 0.4 },
            new FitOptions { BootstrapResamples = 60, FixedBeta = 0.6 },
            new FitOptions { BootstrapResamples = 60, FixedAlpha = 0.4, FixedBeta = 0.6 },
            new FitOptions { BootstrapResamples = 60, HuberDelta = 1e-3 },
            new FitOptions { BootstrapResamples = 60, FixedAlpha = 0.4, HuberDelta = 1e-2 },
        })
        {
            var incremental = new IncrementalSweepAnalysis(options);
            foreach (var (observation, i) in data.Select((o, i) => (o, i)).OrderBy(p => (p.i * 29) % data.Count))
            {
                incremental.Add(observation);
                if (i % 11 == 0)
                {
                    incremental.Refit(cancellationToken: TestContext.Current.CancellationToken);
                }
            }

            var batch = ScalingLawAnalysis.Analyze(data, options);
            Assert.Equal(JsonSerializer.Serialize(batch), JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken)));
            Assert.Equal(2, batch.SizeTimeFits.Count);
            Assert.All(batch.SizeTimeFits, f => Assert.Equal((options.FixedAlpha, options.FixedBeta),
                (f.AlphaFixed ? f.Alpha : null, f.BetaFixed ? f.Beta : null)));
        }
    }
}
