using Orchestrator.Specs.Experiments.RandomFeatures;

namespace Orchestrator.Specs.Experiments;

/// <summary>The experiments a spec may name.</summary>
public static class ExperimentRegistry
{
    private static readonly IExperimentDefinition[] Experiments = [new RandomFeaturesExperiment()];

    /// <summary>Registered experiment names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Experiments.Select(e => e.Name).ToArray();

    public static IExperimentDefinition? Find(string name) => Experiments.FirstOrDefault(e => e.Name == name);
}
