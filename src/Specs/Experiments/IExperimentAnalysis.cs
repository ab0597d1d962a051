using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// A sweep's analysis kept up to date as cells finish. The aggregator adds each finished cell once and asks for a
/// refit when results are wanted; the result must equal a fresh analysis of the same cells, whatever their order.
/// Implementations are thread-safe.
/// </summary>
public interface IExperimentAnalysis
{
    /// <summary>True when a cell arrived since the last <see cref="Refit"/>.</summary>
    bool IsStale { get; }

    /// <summary>Records a finished (succeeded or diverged) cell.</summary>
    void Add(FinishedCell cell);

    /// <summary>Refits what is stale and returns the analysis of every cell added so far.</summary>
    /// <param name="maxDegreeOfParallelism">Threads the refit may use; the result does not depend on it.</param>
    /// <param name="cancellationToken">
    /// Stops the refit early with <see cref="OperationCanceledException"/>; what it finished is kept and the rest is
    /// refitted by the next call, so the next complete refit is the same as without the cancellation.
    /// </param>
    SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default);
}
