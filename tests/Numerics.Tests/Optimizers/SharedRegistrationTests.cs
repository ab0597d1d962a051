using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Optimizers;
using Xunit;

namespace Orchestrator.Numerics.Tests.Optimizers;

/// <summary>Both experiments register the elementwise rules of the shared family, not copies of them.</summary>
public sealed class SharedRegistrationTests
{
    private static IParameterUpdate RandomFeatures(string name, OptimizerSettings? settings = null) =>
        OptimizerRegistry.Resolve(name).CreateUpdate(2, 3, settings ?? new OptimizerSettings(), null);

    private static IParameterUpdate SpectralRank(string name, FfnOptimizerSettings? settings = null) =>
        FfnOptimizerRegistry.Create(name, 2, 3, settings ?? new FfnOptimizerSettings(), DenseLinearAlgebra.Default);

    [Fact]
    public void AdamAndAdamWAreTheSharedAdamRule()
    {
        var adam = Assert.IsType<AdamUpdate>(RandomFeatures("adam"));
        var adamw = Assert.IsType<AdamUpdate>(SpectralRank(FfnOptimizerRegistry.AdamW, new() { WeightDecay = 0.1 }));
        Assert.Null(adam.WeightDecay);
        Assert.Equal(0.1, adamw.WeightDecay);
        Assert.Equal(16L * 6, adam.StateBytes);
        Assert.Equal(16L * 6, adamw.StateBytes);
    }

    [Fact]
    public void MomentumAndSgdAreTheSharedMomentumRule()
    {
        var momentum = Assert.IsType<MomentumUpdate>(RandomFeatures("momentum"));
        var sgd = Assert.IsType<MomentumUpdate>(SpectralRank(FfnOptimizerRegistry.Sgd));
        Assert.Null(momentum.WeightDecay);
        // The FFN experiment always carries the decoupled decay term, λ = 0 by default.
        Assert.Equal(0.0, sgd.WeightDecay);
    }

    [Fact]
    public void TheRegisteredSettingsReachTheSharedRules()
    {
        // The same momentum μ gives the same steps in both experiments; the second step moves by η·(1 + μ)·g.
        double[] readout = new double[6], weights = new double[6];
        RandomFeatures("momentum", new() { Momentum = 0.3 }).Apply(readout, [1, 1, 1, 1, 1, 1], 0.1);
        SpectralRank(FfnOptimizerRegistry.Sgd, new() { Momentum = 0.3 }).Apply(weights, [1, 1, 1, 1, 1, 1], 0.1);
        Assert.Equal(readout, weights);

        var update = SpectralRank(FfnOptimizerRegistry.Sgd, new() { Momentum = 0.3 });
        double[] parameters = new double[6];
        update.Apply(parameters, [1, 1, 1, 1, 1, 1], 0.1);
        update.Apply(parameters, [1, 1, 1, 1, 1, 1], 0.1);
        Assert.All(parameters, p => Assert.Equal(-0.1 - 0.1 * 1.3, p, 1e-15));
    }

    [Fact]
    public void EveryRegisteredOptimizerOfBothExperimentsCreatesAParameterUpdate()
    {
        foreach (var name in OptimizerRegistry.Names)
        {
            var optimizer = OptimizerRegistry.Resolve(name);
            var update = optimizer.CreateUpdate(2, 3, new OptimizerSettings(), optimizer.HasFixedPreconditioner ? [1.0, 1.0, 1.0] : null);
            Assert.True(update.Apply(new double[6], [1, 2, 3, 4, 5, 6], 0.01) > 0, name);
        }

        foreach (var name in FfnOptimizerRegistry.Names)
        {
            Assert.True(SpectralRank(name).Apply(new double[6], [1, 2, 3, 4, 5, 6], 0.01) > 0, name);
        }
    }
}
