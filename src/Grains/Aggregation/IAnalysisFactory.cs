using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// Makes the analysis an aggregator keeps for its sweep. A silo service, so that what the experiment modules make can
/// be wrapped (to observe or hold back a refit) without touching the modules.
/// </summary>
public interface IAnalysisFactory
{
    IExperimentAnalysis Create(AggregatorSettings settings);
}
