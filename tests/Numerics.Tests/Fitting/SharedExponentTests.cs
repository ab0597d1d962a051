using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class SharedExponentTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 0 };

    private static SharedExponentTest Test(double alphaOther)
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1.0, 0.4, 0.1, 31);
        data.AddRange(SyntheticSweep.Series("adam", 1.0, 0, 2.5, alphaOther, 0.1, 32));
        data.AddRange(SyntheticSweep.Series("momentum", 1.0, 0, 0.7, 0.4, 0.1, 33));
        return ScalingLawAnalysis.Analyze(data, Options).SharedExponent.Single();
    }

    [Fact]
    public void One_exponent_with_different_coefficients_is_accepted()
    {
        var test = Test(alphaOther: 0.4);

        Assert.Equal(SharedExponentVerdicts.Shared, test.Verdict);
        Assert.True(test.PValue >= 0.05);
        Assert.True(test.DeltaAic <= 0);
        Assert.InRange(test.SharedAlpha!.Value, 0.35, 0.45);
        Assert.Equal(3, test.Optimizers.Count);
        Assert.Equal(2, test.DfNumerator);
        Assert.Equal(90 - 6, test.DfDenominator);
    }

    [Fact]
    public void Exponents_differing_by_0_3_are_rejected()
    {
        var test = Test(alphaOther: 0.7);

        Assert.Equal(SharedExponentVerdicts.Separate, test.Verdict);
        Assert.True(test.PValue < 1e-6);
        Assert.True(test.DeltaAic > 10);
    }

    [Fact]
    public void F_statistic_matches_the_nested_models_residuals()
    {
        var test = Test(alphaOther: 0.55);

        double expected = (test.RssShared!.Value - test.RssSeparate!.Value) / test.DfNumerator / (test.RssSeparate.Value / test.DfDenominator);
        Assert.Equal(expected, test.FStatistic!.Value, 12);
        double expectedAic = test.CellCount * Math.Log(test.RssShared.Value / test.RssSeparate.Value) - 2 * test.DfNumerator;
        Assert.Equal(expectedAic, test.DeltaAic!.Value, 10);
        double expectedP = 1 - MathNet.Numerics.Distributions.FisherSnedecor.CDF(test.DfNumerator, test.DfDenominator, test.FStatistic.Value);
        Assert.Equal(expectedP, test.PValue!.Value, 10);

        // The separate model's RSS is the sum of the per-optimizer power-law residuals.
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1.0, 0.4, 0.1, 31);
        data.AddRange(SyntheticSweep.Series("adam", 1.0, 0, 2.5, 0.55, 0.1, 32));
        data.AddRange(SyntheticSweep.Series("momentum", 1.0, 0, 0.7, 0.4, 0.1, 33));
        double separate = ScalingLawAnalysis.Analyze(data, Options).Fits.Where(f => f.Law == LawNames.Power).Sum(f => f.ResidualSumOfSquares!.Value);
        Assert.Equal(separate, test.RssSeparate.Value, 10);
    }

    [Fact]
    public void A_single_optimizer_is_insufficient()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0, 1.0, 0.4, 0.1, 31);

        var test = ScalingLawAnalysis.Analyze(data, Options).SharedExponent.Single();

        Assert.Equal(SharedExponentVerdicts.InsufficientData, test.Verdict);
        Assert.Null(test.PValue);
    }
}
