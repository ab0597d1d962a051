using System.Diagnostics;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Measurement;
using Orchestrator.Numerics.SpectralRank.Model;
using Orchestrator.Numerics.SpectralRank.Optimizers;
using Orchestrator.Numerics.SpectralRank.Training;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.SpectralRank;

/// <summary>
/// Runs one cell of the <c>ffn-spectral-rank</c> experiment: trains the FFN block f(x) = W₂ relu(W₁x)² on the Zipf
/// token task with minibatches of tokens drawn by frequency (mean squared error over the batch and the K outputs),
/// then measures the soft and hard rank of the hidden-activation covariance on a held-out token sample per bucket
/// (HEAD, MID, TAIL, all) and the population loss per bucket.
/// </summary>
/// <remarks>
/// Determinism: the task, the initial weights (per width), the minibatch of step t (stream (task, batch, t)) and the
/// held-out sample are seeded from the cell's definition and seed only, never from the optimizer, so all optimizers
/// of a (Zipf exponent, width, seed) see the same data from the same start. Products go through
/// <see cref="IDenseLinearAlgebra"/>, whose results do not depend on the thread count; every other sum runs in a fixed
/// order. Divergence: a minibatch or population loss that is non-finite or exceeds
/// <see cref="DivergenceGuard.GrowthBound"/> × the initial population loss stops the run with a reason and no
/// measurements. Flops are counted analytically; peak bytes are the arrays the run holds.
/// </remarks>
public static class SpectralRankKernel
{
    /// <summary>Runs one cell on the default dense linear algebra. Thread-safe.</summary>
    /// <exception cref="ArgumentException">The run is invalid (see <see cref="SpectralRankValidation"/>).</exception>
    public static SpectralRankResult Run(SpectralRankRun run, CancellationToken cancellationToken = default) =>
        Run(run, DenseLinearAlgebra.Default, cancellationToken);

    /// <summary>Runs one cell on the given dense linear algebra.</summary>
    public static SpectralRankResult Run(SpectralRankRun run, IDenseLinearAlgebra algebra, CancellationToken cancellationToken = default)
    {
        SpectralRankValidation.Validate(run);
        var stopwatch = Stopwatch.StartNew();
        var task = TokenTask.Build(run, algebra, out var flops);
        var model = new FeedForwardBlock(task, run.Width);
        var inputUpdate = FfnOptimizerRegistry.Create(run.Optimizer, model.Width, model.InputDim, run.OptimizerSettings, algebra);
        var outputUpdate = FfnOptimizerRegistry.Create(run.Optimizer, model.Outputs, model.Width, run.OptimizerSettings, algebra);
        var population = new PopulationLoss(task, model);
        var batch = new MinibatchBuffers(run.Batch, model);
        var ledger = new ByteLedger();
        ledger.Hold(8L * (task.Embeddings.Length + task.Targets.Length) + model.Bytes + inputUpdate.StateBytes + outputUpdate.StateBytes
            + population.Bytes + 8L * population.Hidden.Length + batch.Bytes);

        var schedule = new HashSet<int>(LossCurveSchedule.Steps(run.Steps));
        var loss = population.Evaluate(algebra, ref flops);
        var curve = new List<LossPoint> { new(0, loss) };
        var guard = new DivergenceGuard(loss);
        var divergence = guard.Check(loss, 0, "population loss");
        for (var step = 1; step <= run.Steps && divergence is null; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = StreamSeeds.Create(task.Root, (ulong)StreamPurpose.Batch, (ulong)step);
            var batchLoss = batch.LossAndGradients(task, model, ref random, algebra, ref flops);
            divergence = guard.Check(batchLoss, step, "minibatch loss");
            if (divergence is not null)
            {
                loss = batchLoss;
                break;
            }

            flops += inputUpdate.Apply(model.Input, batch.InputWeightGradient, run.LearningRate);
            flops += outputUpdate.Apply(model.Output, batch.OutputWeightGradient, run.LearningRate);
            if (schedule.Contains(step))
            {
                loss = population.Evaluate(algebra, ref flops);
                curve.Add(new LossPoint(step, loss));
                divergence = guard.Check(loss, step, "population loss");
            }
        }

        var measurements = divergence is null
            ? Measure(run, task, population, ledger, algebra, ref flops)
            : new Dictionary<string, double>();
        stopwatch.Stop();
        return new SpectralRankResult(
            new RunResult(loss, curve, divergence is not null, divergence, run.LearningRate, stopwatch.Elapsed.TotalSeconds, flops, ledger.Peak),
            measurements);
    }

    /// <summary>Ranks and losses per bucket, from the last population pass and the held-out sample.</summary>
    private static Dictionary<string, double> Measure(SpectralRankRun run, TokenTask task, PopulationLoss population,
        ByteLedger ledger, IDenseLinearAlgebra algebra, ref double flops)
    {
        var counts = new int[task.Vocab];
        var random = StreamSeeds.Create(task.Root, (ulong)StreamPurpose.HeldOut, 0);
        for (var i = 0; i < run.EvalTokens; i++)
        {
            counts[task.Distribution.Sample(ref random)]++;
        }

        var measurements = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bucket in TokenBuckets.Reported)
        {
            var name = MeasurementNames.Of(bucket);
            var tokens = task.Buckets.Tokens(bucket).Where(t => counts[t] > 0).ToArray();
            measurements[MeasurementNames.EvalTokens(name)] = tokens.Length;
            if (task.Buckets.Tokens(bucket).Length > 0)
            {
                // A steep Zipf law can leave MID (or TAIL) without tokens: it then has no loss to report.
                measurements[MeasurementNames.Loss(name)] = population.BucketLoss(bucket);
            }

            if (tokens.Length < 2)
            {
                // One distinct token has a zero covariance: no rank to report.
                continue;
            }

            var order = Math.Min(tokens.Length, run.Width);
            var workspace = 8L * ((long)tokens.Length * run.Width + (long)order * order) + algebra.EigendecompositionWorkspaceBytes(order)
                + 8L * ((long)order * order + order);
            ledger.Hold(workspace);
            var eigenvalues = ActivationCovariance.Eigenvalues(population.Hidden, run.Width, tokens,
                tokens.Select(t => counts[t]).ToArray(), algebra, out var covarianceFlops);
            ledger.Release(workspace);
            flops += covarianceFlops;
            measurements[MeasurementNames.Rank(MeasurementNames.SoftKind, name)] = SpectralRanks.Soft(eigenvalues);
            measurements[MeasurementNames.Rank(MeasurementNames.HardKind, name)] = SpectralRanks.Hard(eigenvalues);
        }

        return measurements;
    }
}
