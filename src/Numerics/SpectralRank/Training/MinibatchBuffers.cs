using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Model;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>The work arrays of one minibatch step, allocated once per run, and the step's loss and gradients.</summary>
internal sealed class MinibatchBuffers
{
    private readonly IExampleBatch _examples;
    private readonly double[] _preActivations, _hidden, _outputs, _hiddenGradient;

    public MinibatchBuffers(IExampleBatch examples, FeedForwardBlock model)
    {
        _examples = examples;
        var batch = examples.Rows;
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

    public long Bytes => _examples.Bytes + 8L * (_preActivations.Length + _hidden.Length + _outputs.Length
        + _hiddenGradient.Length + InputWeightGradient.Length + OutputWeightGradient.Length);

    /// <summary>
    /// Draws B examples from <paramref name="random"/>, runs forward and backward, and returns the minibatch loss
    /// (1/(BK)) Σ‖f(x) − y‖², its gradients left in the two gradient arrays.
    /// </summary>
    public double LossAndGradients(FeedForwardBlock model, ref Xoshiro256StarStar random, IDenseLinearAlgebra algebra, ref double flops)
    {
        var batch = _examples.Rows;
        var k = model.Outputs;
        flops += _examples.Draw(ref random, algebra);
        var targets = _examples.Targets;
        flops += model.Forward(batch, _examples.Inputs, _preActivations, _hidden, _outputs, algebra);
        var scale = 2.0 / ((double)batch * k);
        var loss = 0.0;
        for (var i = 0; i < _outputs.Length; i++)
        {
            var r = _outputs[i] - targets[i];
            loss += r * r;
            // The outputs array becomes ∂loss/∂outputs.
            _outputs[i] = scale * r;
        }

        flops += 4.0 * _outputs.Length;
        flops += model.Backward(batch, _examples.Inputs, _preActivations, _hidden, _outputs, _hiddenGradient,
            InputWeightGradient, OutputWeightGradient, algebra);
        return loss / ((double)batch * k);
    }
}
