using System.Diagnostics;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.RandomFeatures.Training;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.RandomFeatures;

/// <summary>
/// Runs one cell of the <c>random-features</c> experiment (SCIENCE.md): builds (or takes from the cache) the
/// problem, trains the readout from zero with the named optimizer for T steps, and reports the population loss
/// curve. Determinism: equal runs give bit-identical results with or without a cache, for the same build and thread
/// count, and agree to 1e-10 relative across thread counts and machines (README, "Determinism"). The kernel's own
/// thread bound (<see cref="KernelParallelism.MaxThreads"/>) changes no bits today: products are split into pieces
/// of fixed shape and LAPACK runs on one thread (tested).
/// </summary>
/// <remarks>
/// Data regimes: <c>population</c> trains on the exact gradient; <c>finite:D</c> trains full-batch on the empirical
/// loss of D samples drawn once (its Hessian Ĥ also defines the natural-gradient preconditioner and <c>lr: auto</c>);
/// <c>online:B</c> draws a fresh minibatch each step (preconditioner and <c>lr: auto</c> from the population H, the
/// minibatch Hessian's expectation). Every reported loss is the population loss. The problem (features, target,
/// data) is seeded from (latent_dim, spectrum, target_decay, outputs, size, seed, data) and never from the
/// optimizer, so all optimizers of a cell group see the same problem.
/// Divergence: a run whose population or training loss becomes non-finite or exceeds
/// <see cref="DivergenceGuard.GrowthBound"/> (10⁶) × the initial loss c/K stops and returns
/// <see cref="RunResult.Diverged"/> = true with the reason; it is not an exception. The training basis (H's
/// eigenbasis or the standard one) is chosen per run by <see cref="TrainingBasis"/>. Flops are counted analytically
/// (problem build, eigendecomposition at 9N³ or Lanczos iterations and a Cholesky factor at N³/3, every product,
/// solve and elementwise pass), including work a cache saved.
/// Peak bytes are the largest total of arrays held for the cell (problem, eigendecomposition, optimizer state,
/// work arrays), tracked by the kernel.
/// </remarks>
public static class RandomFeaturesKernel
{
    /// <summary>Runs one cell. Thread-safe; may be called concurrently from several threads.</summary>
    /// <exception cref="ArgumentException">The run is invalid (see <see cref="RunValidation"/>).</exception>
    public static RunResult Run(RandomFeaturesRun run, ProblemCache? cache = null, CancellationToken cancellationToken = default) =>
        Run(run, DenseLinearAlgebra.Default, cache, cancellationToken);

    /// <summary>Runs one cell on the given dense linear algebra (tests compare native with managed).</summary>
    public static RunResult Run(RandomFeaturesRun run, IDenseLinearAlgebra algebra, ProblemCache? cache = null,
        CancellationToken cancellationToken = default)
    {
        RunValidation.Validate(run);
        var optimizer = OptimizerRegistry.Resolve(run.Optimizer);
        var stopwatch = Stopwatch.StartNew();
        var key = ProblemKey.Of(run);
        using var lease = cache?.Rent(key, k => ProblemBuilder.Build(k, algebra, cancellationToken));
        var problem = lease?.Problem ?? ProblemBuilder.Build(key, algebra, cancellationToken);
        var outcome = ReadoutTrainer.Train(run, problem, optimizer, algebra, cancellationToken);
        stopwatch.Stop();
        return new RunResult(
            outcome.FinalLoss,
            outcome.Curve,
            outcome.DivergenceReason is not null,
            outcome.DivergenceReason,
            outcome.LearningRate,
            stopwatch.Elapsed.TotalSeconds,
            outcome.Flops,
            outcome.PeakBytes);
    }
}
