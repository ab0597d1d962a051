using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// The scaling laws of the final loss against size, per optimizer and spectrum, with the shift tables and the
/// shared-exponent tests (<see cref="IncrementalSweepAnalysis"/>): the analysis every experiment starts from.
/// </summary>
public sealed class LossScalingAnalysis(FitOptions options) : IExperimentAnalysis
{
    private readonly IncrementalSweepAnalysis _fits = new(options);

    public bool IsStale => _fits.IsStale;

    public void Add(FinishedCell cell) => _fits.Add(cell.ToObservation());

    public SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default) =>
        _fits.Refit(maxDegreeOfParallelism, cancellationToken);
}
