using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Aggregation;

/// <summary>The analysis of the sweep's experiment module, with the sweep's fit settings.</summary>
public sealed class ModuleAnalysisFactory : IAnalysisFactory
{
    public IExperimentAnalysis Create(AggregatorSettings settings)
    {
        var options = settings.ToFitOptions();
        // Settings stored before the experiment was recorded get the loss fits that every experiment has.
        return settings.Experiment is { } experiment
            ? ExperimentRegistry.Get(experiment).CreateAnalysis(options)
            : new LossScalingAnalysis(options);
    }
}
