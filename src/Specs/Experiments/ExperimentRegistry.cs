using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Specs.Experiments.SpectralRank;

namespace Orchestrator.Specs.Experiments;

/// <summary>The experiments a spec may name.</summary>
public static class ExperimentRegistry
{
    private static readonly IExperimentDefinition[] Experiments = [new RandomFeaturesExperiment(), new SpectralRankExperiment()];

    /// <summary>Registered experiment names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Experiments.Select(e => e.Name).ToArray();

    /// <summary>Every optimizer name some experiment accepts, without duplicates, in registration order.</summary>
    public static IReadOnlyList<string> AllOptimizerNames { get; } =
        Experiments.SelectMany(e => e.OptimizerNames).Distinct(StringComparer.Ordinal).ToArray();

    public static IExperimentDefinition? Find(string name) => Experiments.FirstOrDefault(e => e.Name == name);
}
