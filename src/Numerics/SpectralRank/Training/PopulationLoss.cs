using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Model;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>
/// The exact population loss Σₖ pₖ‖f(eₖ) − yₖ‖²/K over the whole vocabulary, and its conditional value per bucket,
/// from one forward pass of every token (whose hidden activations are kept for the rank measurements).
/// Sums run in token order.
/// </summary>
internal sealed class PopulationLoss(TokenTask task, FeedForwardBlock model) : ILossMonitor
{
    private readonly double[] _preActivations = new double[(long)task.Vocab * model.Width];
    private readonly double[] _outputs = new double[(long)task.Vocab * model.Outputs];

    /// <summary>relu(W₁eₖ)² of every token after the last <see cref="Evaluate"/>: V×D row-major.</summary>
    public double[] Hidden { get; } = new double[(long)task.Vocab * model.Width];

    public long Bytes => 8L * (2L * _preActivations.Length + _outputs.Length);

    /// <summary>The frequency-weighted loss of the last <see cref="Evaluate"/>.</summary>
    public double Loss { get; private set; }

    /// <summary>Per-token losses ‖f(eₖ) − yₖ‖²/K of the last <see cref="Evaluate"/>.</summary>
    public double[] TokenLosses { get; } = new double[task.Vocab];

    /// <summary>Runs the forward pass; returns the frequency-weighted loss and adds the flops.</summary>
    public double Evaluate(IDenseLinearAlgebra algebra, ref double flops)
    {
        flops += model.Forward(task.Vocab, task.Embeddings, _preActivations, Hidden, _outputs, algebra);
        var k = model.Outputs;
        var probabilities = task.Distribution.Probabilities;
        var loss = 0.0;
        for (var token = 0; token < task.Vocab; token++)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++)
            {
                var r = _outputs[(long)token * k + j] - task.Targets[(long)token * k + j];
                sum += r * r;
            }

            TokenLosses[token] = sum / k;
            loss += probabilities[token] * TokenLosses[token];
        }

        flops += 3.0 * task.Vocab * k;
        Loss = loss;
        return loss;
    }

    /// <summary>
    /// E[loss | token in bucket] from the last <see cref="Evaluate"/>; for <see cref="TokenBucket.All"/> exactly the
    /// loss <see cref="Evaluate"/> returned (the frequencies sum to one by construction).
    /// </summary>
    public double BucketLoss(TokenBucket bucket)
    {
        if (bucket == TokenBucket.All)
        {
            return Loss;
        }

        var probabilities = task.Distribution.Probabilities;
        double loss = 0, mass = 0;
        for (var token = 0; token < task.Vocab; token++)
        {
            if (task.Buckets.Contains(bucket, token))
            {
                loss += probabilities[token] * TokenLosses[token];
                mass += probabilities[token];
            }
        }

        return loss / mass;
    }
}
