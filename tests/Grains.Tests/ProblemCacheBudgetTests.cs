using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Runs;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Hosting;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Tests;

/// <summary>A silo bounds the experiments' problem cache by a share of its memory budget.</summary>
public sealed class ProblemCacheBudgetTests
{
    [Fact]
    public async Task The_silo_gives_the_problem_cache_a_quarter_of_its_memory_budget()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), memoryBudget: "64MiB");

        var budget = cluster.SiloServices.GetRequiredService<MemoryBudget>();
        var host = cluster.SiloServices.GetRequiredService<ExperimentHost>();

        Assert.Equal(64L << 20, budget.Capacity);
        Assert.Equal(0.25, OrchestratorSiloExtensions.ProblemCacheShareOfBudget);
        Assert.Equal(16L << 20, host.ProblemCacheMaxBytes);
    }
}
