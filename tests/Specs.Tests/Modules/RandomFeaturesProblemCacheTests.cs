using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Experiments.RandomFeatures;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>The <c>random-features</c> kernel keeps its shared problems within the bytes its host allows.</summary>
public sealed class RandomFeaturesProblemCacheTests
{
    [Fact]
    public void A_host_with_a_small_budget_keeps_only_the_most_recent_problem()
    {
        var spec = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", "quickstart.yaml")).Spec!;
        // Two cells on different problems (seeds 0 and 1), each of which holds more than 1 KiB (a 32 x 32 covariance).
        var cells = spec.ExpandCells()
            .Where(c => c is { Optimizer: "gd", Size: 32 } && c.Spectrum == 1.0)
            .OrderBy(c => c.Seed)
            .ToList();
        Assert.Equal([0, 1], cells.Select(c => c.Seed));
        var module = ExperimentRegistry.Get(spec.Experiment);
        var bounded = Assert.IsType<RandomFeaturesCellKernel>(
            module.CreateKernel(new ExperimentHost { ProblemCacheMaxBytes = 1024 }));
        var unbounded = Assert.IsType<RandomFeaturesCellKernel>(module.CreateKernel(ExperimentHost.Default));

        foreach (var cell in cells)
        {
            bounded.Run(cell, TestContext.Current.CancellationToken);
            unbounded.Run(cell, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, unbounded.Problems.Count);
        Assert.Equal(1, bounded.Problems.Count);
        Assert.Equal(1024, bounded.Problems.MaxBytes);
    }
}
