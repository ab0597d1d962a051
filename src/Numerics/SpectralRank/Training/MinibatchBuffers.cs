using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Model;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>The work arrays of one minibatch step, allocated once per run, and the step's loss and gradients.</summary>
internal sealed class MinibatchBuffers
{
    private readonly int _batch;
    private readonly double[] _inputs, _targets, _preActivations, _hidden, _outputs, _hiddenGradient;

    public MinibatchBuffers(int batch, FeedForwardBlock model)
    {
        _batch = batch;
        _inputs = new double[(long)batch * model.InputDim];
        _targets = new double[(long)batch * model.Outputs];
        _preActivations = new double[(long)batch * model.Width];
        _hidden = new double[(long)batch * model.Width];
        _outputs = new double[(long)batch * model.Outputs];
        _hiddenGradient = new double[(long)batch * model.Width];
        InputWeightGradient = new double[model.Input.Length];
        OutputWeightGradient = new double[model.Output.Length];
    }

    /// <summary>∂loss/∂W₁ of the last step (D×d).</summary>
    public double[] InputWeightGradient { get; }

    /// <summary>∂loss/∂W₂ of the last step (K×D).</summary>
    public double[] OutputWeightGradient { get; }

    public long Bytes => 8L * (_inputs.Length + _targets.Length + _preActivations.Length + _hidden.Length + _outputs.Length
        + _hiddenGradient.Length + InputWeightGradient.Length + OutputWeightGradient.Length);

    /// <summary>
    /// Draws B tokens by frequency from <paramref name="random"/>, runs forward and backward, and returns the
    /// minibatch loss (1/(BK)) Σ‖f(eₖ) − yₖ‖², its gradients left in the two gradient arrays.
    /// </summary>
    public double LossAndGradients(TokenTask task, FeedForwardBlock model, ref Xoshiro256StarStar random,
        IDenseLinearAlgebra algebra, ref double flops)
    {
        int d = model.InputDim, k = model.Outputs;
        for (var i = 0; i < _batch; i++)
        {
            var token = task.Distribution.Sample(ref random);
            Array.Copy(task.Embeddings, (long)token * d, _inputs, (long)i * d, d);
            Array.Copy(task.Targets, (long)token * k, _targets, (long)i * k, k);
        }

        flops += model.Forward(_batch, _inputs, _preActivations, _hidden, _outputs, algebra);
        var scale = 2.0 / ((double)_batch * k);
        var loss = 0.0;
        for (var i = 0; i < _outputs.Length; i++)
        {
            var r = _outputs[i] - _targets[i];
            loss += r * r;
            // The outputs array becomes ∂loss/∂outputs.
            _outputs[i] = scale * r;
        }

        flops += 4.0 * _outputs.Length;
        flops += model.Backward(_batch, _inputs, _preActivations, _hidden, _outputs, _hiddenGradient,
            InputWeightGradient, OutputWeightGradient, algebra);
        return loss / ((double)_batch * k);
    }
}
