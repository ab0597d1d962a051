using Orchestrator.Numerics.Training;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// What a kernel produced for one cell: the training run (final loss, loss curve, divergence, cost) and the named
/// numbers the experiment measures beyond the loss (e.g. <c>hard_rank_tail</c>), null when it measures none.
/// </summary>
public sealed record KernelOutput(RunResult Run, IReadOnlyDictionary<string, double>? Measurements = null);
