using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>The kernel's population-regime curves against the eigenbasis closed forms of SCIENCE.md.</summary>
public sealed class ClosedFormTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<double, int, int, int> Cases => new()
    {
        { 0.5, 32, 7, 1 },
        { 1.0, 96, 50, 1 },
        { 1.5, 128, 200, 2 },
        { 2.0, 64, 1000, 3 },
        { 1.0, 256, 120, 1 },
    };

    private static RandomFeaturesRun Run(double s, int n, int t, int k, string optimizer, double? lr = null) => new()
    {
        LatentDim = 384, Spectrum = s, Size = n, Outputs = k, Seed = 11, Steps = t, Optimizer = optimizer, LearningRate = lr,
    };

    private static EigenbasisClosedForm ClosedForm(RandomFeaturesRun run) =>
        new(TestKernel.Build(run).Population);

    private static void AssertCurve(RandomFeaturesRun run, Func<int, double> expected)
    {
        var result = TestKernel.Run(run);
        Assert.False(result.Diverged, result.DivergenceReason);
        Assert.Equal(0, result.Curve[0].Step);
        Assert.Equal(run.Steps, result.Curve[^1].Step);
        foreach (var point in result.Curve)
        {
            var want = expected(point.Step);
            Assert.True(Math.Abs(point.Loss - want) <= Tolerance * Math.Abs(want),
                $"step {point.Step}: kernel {point.Loss:R} vs closed form {want:R}");
        }

        Assert.Equal(result.Curve[^1].Loss, result.FinalLoss);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientDescentWithAutoLearningRateMatchesClosedForm(double s, int n, int t, int k)
    {
        var run = Run(s, n, t, k, "gd");
        var closed = ClosedForm(run);
        var identity = Enumerable.Repeat(1.0, n).ToArray();
        var eta = closed.AutoLearningRate(identity);
        Assert.Equal(eta, TestKernel.Run(run).LearningRate, 1e-12 * eta);
        AssertCurve(run, step => closed.Loss(eta, identity, step));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientDescentWithFixedLearningRateMatchesClosedForm(double s, int n, int t, int k)
    {
        var run = Run(s, n, t, k, "gd", lr: 0.3 * k);
        var closed = ClosedForm(run);
        var identity = Enumerable.Repeat(1.0, n).ToArray();
        AssertCurve(run, step => closed.Loss(0.3 * k, identity, step));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NaturalGradientMatchesClosedForm(double s, int n, int t, int k)
    {
        var run = Run(s, n, t, k, "natural-gradient") with
        {
            LearningRateScale = 0.25,
            OptimizerSettings = new() { Damping = 1e-3 },
        };
        var closed = ClosedForm(run);
        var preconditioner = closed.PowerPreconditioner(1e-3, 1.0);
        var eta = 0.25 * closed.AutoLearningRate(preconditioner);
        AssertCurve(run, step => closed.Loss(eta, preconditioner, step));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NaturalGradientWithFixedLearningRateMatchesClosedForm(double s, int n, int t, int k)
    {
        var run = Run(s, n, t, k, "natural-gradient", lr: 0.1 * k);
        var closed = ClosedForm(run);
        var preconditioner = closed.PowerPreconditioner(1e-8, 1.0);
        AssertCurve(run, step => closed.Loss(0.1 * k, preconditioner, step));
    }

    [Theory]
    [InlineData(1.0, 64, 1)]
    [InlineData(1.5, 200, 2)]
    [InlineData(0.8, 128, 4)]
    public void NaturalGradientWithAutoLearningRateReachesTheConvergedLossInOneStep(double s, int n, int k)
    {
        var run = Run(s, n, 1, k, "natural-gradient") with { OptimizerSettings = new() { Damping = 1e-14 } };
        var closed = ClosedForm(run);
        var result = TestKernel.Run(run);
        Assert.True(Math.Abs(result.FinalLoss - closed.ConvergedLoss) <= 1e-6 * closed.ConvergedLoss,
            $"one step: {result.FinalLoss:R}, L_∞ = {closed.ConvergedLoss:R}");
        Assert.True(closed.ConvergedLoss < 0.99 * result.Curve[0].Loss, "the problem must not be trivial");
    }
}
