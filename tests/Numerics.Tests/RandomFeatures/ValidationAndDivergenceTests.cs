using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

public sealed class ValidationAndDivergenceTests
{
    private static readonly RandomFeaturesRun Valid = new()
    {
        LatentDim = 128, Spectrum = 1.0, Size = 32, Seed = 1, Steps = 10, Optimizer = "gd",
    };

    public static TheoryData<string> InvalidRuns => new()
    {
        "size > latent_dim", "auto lr for adam", "auto lr for matrix-sign", "finite:0", "online:-3", "steps 0",
        "steps -1", "unknown optimizer", "negative lr", "NaN lr", "outputs 0", "lr_scale 0", "momentum 1",
        "negative damping", "NaN spectrum",
    };

    private static RandomFeaturesRun Invalid(string name) => name switch
    {
        "size > latent_dim" => Valid with { Size = 129 },
        "auto lr for adam" => Valid with { Optimizer = "adam" },
        "auto lr for matrix-sign" => Valid with { Optimizer = "matrix-sign" },
        "finite:0" => Valid with { Data = new DataRegime(DataRegimeKind.Finite, 0) },
        "online:-3" => Valid with { Data = new DataRegime(DataRegimeKind.Online, -3) },
        "steps 0" => Valid with { Steps = 0 },
        "steps -1" => Valid with { Steps = -1 },
        "unknown optimizer" => Valid with { Optimizer = "lion" },
        "negative lr" => Valid with { LearningRate = -0.1 },
        "NaN lr" => Valid with { LearningRate = double.NaN },
        "outputs 0" => Valid with { Outputs = 0 },
        "lr_scale 0" => Valid with { LearningRateScale = 0 },
        "momentum 1" => Valid with { Optimizer = "momentum", OptimizerSettings = new() { Momentum = 1.0 } },
        "negative damping" => Valid with { Optimizer = "natural-gradient", OptimizerSettings = new() { Damping = -1 } },
        "NaN spectrum" => Valid with { Spectrum = double.NaN },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(InvalidRuns))]
    public void InvalidRunsThrowArgumentExceptionNamingTheProblem(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => TestKernel.Run(Invalid(name)));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TheMessageSaysWhatIsWrong()
    {
        Assert.Contains("latent_dim", Assert.ThrowsAny<ArgumentException>(() => TestKernel.Run(Invalid("size > latent_dim"))).Message);
        Assert.Contains("auto", Assert.ThrowsAny<ArgumentException>(() => TestKernel.Run(Invalid("auto lr for adam"))).Message);
    }

    [Theory]
    [InlineData("gd", 1e3)]
    [InlineData("momentum", 50.0)]
    [InlineData("natural-gradient", 1e4)]
    public void AHugeLearningRateReturnsADivergedResultWithAReason(string optimizer, double lr)
    {
        var result = TestKernel.Run(Valid with { Optimizer = optimizer, LearningRate = lr, Steps = 500 });
        Assert.True(result.Diverged);
        Assert.NotNull(result.DivergenceReason);
        Assert.Contains("step", result.DivergenceReason);
        Assert.True(!double.IsFinite(result.FinalLoss) || result.FinalLoss > DivergenceGuard.GrowthBound * result.Curve[0].Loss);
        Assert.True(result.Curve[^1].Step < 500, "training stops at divergence");
    }

    [Fact]
    public void AStableLearningRateDoesNotDiverge()
    {
        var result = TestKernel.Run(Valid with { LearningRateScale = 0.99, Steps = 500 });
        Assert.False(result.Diverged);
        Assert.Null(result.DivergenceReason);
    }

    [Fact]
    public void GradientDescentJustAboveTheStabilityEdgeDiverges()
    {
        // lr auto is 1/κ'_max; GD is stable below 2/κ'_max and blows up above it.
        var result = TestKernel.Run(Valid with { LearningRateScale = 2.2, Steps = 2000 });
        Assert.True(result.Diverged, "lr 2.2/κ'_max must diverge");
    }

    [Fact]
    public void ResultsCarryResourceDiagnostics()
    {
        var result = TestKernel.Run(Valid with { Steps = 40 });
        // Build: N(N+1)M for H plus 2KNM for B; eigendecomposition 9N³; 40 steps of O(KN).
        var lowerBound = 32.0 * 33 * 128 + 2.0 * 32 * 128 + 9.0 * 32 * 32 * 32;
        Assert.InRange(result.FloatingPointOperations, lowerBound, lowerBound * 1.5);
        Assert.True(result.PeakBytes >= 8L * (2 * 32 * 32)); // H and its eigenvectors
        Assert.True(result.Seconds > 0);
    }
}
