using Orchestrator.Specs.Experiments.Command;
using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Specs.Experiments.SpectralRank;
using Orchestrator.Specs.Experiments.Synthetic;

namespace Orchestrator.Specs.Experiments;

/// <summary>The experiments a spec may name: one line per module.</summary>
public static class ExperimentRegistry
{
    private static readonly IExperimentModule[] Modules =
    [
        new RandomFeaturesExperiment(),
        new SpectralRankExperiment(),
        new SyntheticExperiment(),
        new CommandExperiment(),
    ];

    /// <summary>Registered experiment names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Modules.Select(e => e.Name).ToArray();

    public static IExperimentModule? Find(string name) => Modules.FirstOrDefault(e => e.Name == name);

    /// <summary>The module of <paramref name="experiment"/>; throws when no module has that name.</summary>
    public static IExperimentModule Get(string experiment) =>
        Find(experiment) ?? throw new ArgumentException($"unknown experiment '{experiment}'; known: {string.Join(", ", Names)}", nameof(experiment));
}
