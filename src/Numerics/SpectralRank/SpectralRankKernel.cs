using System.Diagnostics;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;
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
/// token task with minibatches drawn by frequency (mean squared error over the batch and the K outputs), then measures
/// the soft and hard rank of the hidden-activation covariance per bucket (HEAD, MID, TAIL, all) and the loss per
/// bucket. <see cref="FfnInput.Token"/>: x is a token's embedding, the loss is the exact population loss, and the
/// covariance is over a held-out token sample, weighted by occurrence. <see cref="FfnInput.Context"/>: x mixes a
/// current and a context token (<see cref="Training.ContextExamples"/>), the loss curve is read on the first
/// <see cref="MonitorRows"/> held-out pairs and the final loss on all of them, and the covariances (of relu(W₁x)² and
/// of W₁x) are over the held-out occurrences, bucketed by the current token.
/// </summary>
/// <remarks>
/// Determinism: the task, the initial weights (per width), the minibatch of step t (stream (task, batch, t)) and the
/// held-out sample are seeded from the cell's definition and seed only, never from the optimizer or ctx, so all
/// optimizers of a (Zipf exponent, width, seed) see the same data from the same start. Products go through
/// <see cref="IDenseLinearAlgebra"/>, whose results do not depend on the thread count; every other sum runs in a fixed
/// order. Divergence: a minibatch or monitored loss that is non-finite or exceeds
/// <see cref="DivergenceGuard.GrowthBound"/> × the initial one stops the run with a reason and no measurements. Flops
/// are counted analytically; peak bytes are the arrays the run holds.
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
        var updates = (inputUpdate, outputUpdate);
        var ledger = new ByteLedger();
        TrainingOutcome training;
        Dictionary<string, double> measurements;
        if (run.Input == FfnInput.Context)
        {
            var random = StreamSeeds.Create(task.Root, (ulong)StreamPurpose.HeldOut, 0);
            var monitorSample = new ContextExamples(task, run.ContextWeight, Math.Min(run.EvalTokens, MonitorRows));
            flops += monitorSample.Draw(ref random, algebra);
            var monitor = new HeldOutLoss(monitorSample, model);
            var batch = new MinibatchBuffers(new ContextExamples(task, run.ContextWeight, run.Batch), model);
            ledger.Hold(8L * task.Embeddings.Length + task.Teacher!.Bytes + model.Bytes + inputUpdate.StateBytes + outputUpdate.StateBytes
                + monitorSample.Bytes + monitor.Bytes + batch.Bytes);
            training = Train(run, task.Root, model, updates, batch, monitor, algebra, ref flops, cancellationToken);
            measurements = [];
            if (training.Divergence is null)
            {
                // The last curve point and the final loss are those of the whole held-out sample.
                measurements = MeasureOccurrences(run, task, model, ledger, algebra, ref flops, out var heldOutLoss);
                training = training with { Loss = heldOutLoss };
                training.Curve[^1] = new LossPoint(run.Steps, heldOutLoss);
            }
        }
        else
        {
            var population = new PopulationLoss(task, model);
            var batch = new MinibatchBuffers(new TokenExamples(task, run.Batch), model);
            ledger.Hold(8L * (task.Embeddings.Length + task.Targets.Length) + model.Bytes + inputUpdate.StateBytes + outputUpdate.StateBytes
                + population.Bytes + 8L * population.Hidden.Length + batch.Bytes);
            training = Train(run, task.Root, model, updates, batch, population, algebra, ref flops, cancellationToken);
            measurements = training.Divergence is null
                ? Measure(run, task, population, ledger, algebra, ref flops)
                : [];
        }

        stopwatch.Stop();
        return new SpectralRankResult(
            new RunResult(training.Loss, training.Curve, training.Divergence is not null, training.Divergence, run.LearningRate,
                stopwatch.Elapsed.TotalSeconds, flops, ledger.Peak),
            measurements);
    }

    /// <summary>Held-out pairs the context variant's loss curve is measured on before the last step.</summary>
    public const int MonitorRows = 2048;

    private sealed record TrainingOutcome(double Loss, List<LossPoint> Curve, string? Divergence);

    /// <summary>
    /// T steps of minibatch training; the monitor's loss at the curve's scheduled steps (step 0 included) feeds the
    /// curve and the divergence guard.
    /// </summary>
    private static TrainingOutcome Train(SpectralRankRun run, ulong root, FeedForwardBlock model,
        (IParameterUpdate Input, IParameterUpdate Output) updates, MinibatchBuffers batch, ILossMonitor monitor,
        IDenseLinearAlgebra algebra, ref double flops, CancellationToken cancellationToken)
    {
        var schedule = new HashSet<int>(LossCurveSchedule.Steps(run.Steps));
        var loss = monitor.Evaluate(algebra, ref flops);
        var curve = new List<LossPoint> { new(0, loss) };
        var guard = new DivergenceGuard(loss);
        var divergence = guard.Check(loss, 0, LossName(run));
        for (var step = 1; step <= run.Steps && divergence is null; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = StreamSeeds.Create(root, (ulong)StreamPurpose.Batch, (ulong)step);
            var batchLoss = batch.LossAndGradients(model, ref random, algebra, ref flops);
            divergence = guard.Check(batchLoss, step, "minibatch loss");
            if (divergence is not null)
            {
                loss = batchLoss;
                break;
            }

            flops += updates.Input.Apply(model.Input, batch.InputWeightGradient, run.LearningRate);
            flops += updates.Output.Apply(model.Output, batch.OutputWeightGradient, run.LearningRate);
            if (schedule.Contains(step))
            {
                loss = monitor.Evaluate(algebra, ref flops);
                curve.Add(new LossPoint(step, loss));
                divergence = guard.Check(loss, step, LossName(run));
            }
        }

        return new TrainingOutcome(loss, curve, divergence);
    }

    private static string LossName(SpectralRankRun run) => run.Input == FfnInput.Context ? "held-out loss" : "population loss";

    /// <summary>
    /// The context variant's measurements on <see cref="SpectralRankRun.EvalTokens"/> held-out pairs (the stream the
    /// monitor's pairs are the first of): per bucket of the current token, the mean loss, the number of occurrences,
    /// and the soft and hard ranks of the covariance over occurrences of relu(W₁x)² and of W₁x.
    /// </summary>
    private static Dictionary<string, double> MeasureOccurrences(SpectralRankRun run, TokenTask task, FeedForwardBlock model,
        ByteLedger ledger, IDenseLinearAlgebra algebra, ref double flops, out double loss)
    {
        var random = StreamSeeds.Create(task.Root, (ulong)StreamPurpose.HeldOut, 0);
        var sample = new ContextExamples(task, run.ContextWeight, run.EvalTokens);
        var heldOut = new HeldOutLoss(sample, model);
        ledger.Hold(sample.Bytes + heldOut.Bytes);
        flops += sample.Draw(ref random, algebra);
        loss = heldOut.Evaluate(algebra, ref flops);

        var measurements = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bucket in TokenBuckets.Reported)
        {
            var name = MeasurementNames.Of(bucket);
            var rows = Enumerable.Range(0, sample.Rows).Where(r => task.Buckets.Contains(bucket, sample.CurrentTokens[r])).ToArray();
            measurements[MeasurementNames.EvalTokens(name)] = rows.Length;
            if (rows.Length == 0)
            {
                continue;
            }

            measurements[MeasurementNames.Loss(name)] = bucket == TokenBucket.All ? loss : heldOut.MeanLoss(rows);
            if (rows.Length < 2)
            {
                continue;
            }

            var order = Math.Min(rows.Length, run.Width);
            var workspace = 8L * ((long)rows.Length * run.Width + 2L * order * order + order) + algebra.EigendecompositionWorkspaceBytes(order);
            ledger.Hold(workspace);
            foreach (var (activations, soft, hard) in new[]
                     {
                         (heldOut.Hidden, MeasurementNames.SoftKind, MeasurementNames.HardKind),
                         (heldOut.PreActivations, MeasurementNames.PreActivationSoftKind, MeasurementNames.PreActivationHardKind),
                     })
            {
                var eigenvalues = ActivationCovariance.OverOccurrences(activations, run.Width, rows, algebra, out var covarianceFlops);
                flops += covarianceFlops;
                measurements[MeasurementNames.Rank(soft, name)] = SpectralRanks.Soft(eigenvalues);
                measurements[MeasurementNames.Rank(hard, name)] = SpectralRanks.Hard(eigenvalues);
            }

            ledger.Release(workspace);
        }

        ledger.Release(sample.Bytes + heldOut.Bytes);
        return measurements;
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
