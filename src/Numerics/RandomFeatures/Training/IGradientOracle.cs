namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>The training gradient of the readout, in the trainer's basis.</summary>
internal interface IGradientOracle
{
    /// <summary>
    /// Writes the gradient at <paramref name="readout"/> for step <paramref name="step"/> (1-based) into
    /// <paramref name="gradient"/>; returns the training loss at <paramref name="readout"/> (a minibatch estimate
    /// for online data) and adds the flops spent to <paramref name="flops"/>.
    /// </summary>
    double Gradient(double[] readout, double[] gradient, int step, ref double flops);

    /// <summary>Bytes of the work arrays the oracle holds.</summary>
    long WorkBytes { get; }
}
