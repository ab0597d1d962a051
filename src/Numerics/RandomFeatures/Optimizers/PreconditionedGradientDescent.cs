namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// A ← A − η·G·P for a fixed diagonal-in-eigenbasis preconditioner P (P = I is plain gradient descent). In H's
/// eigenbasis the step is elementwise: Ã_ki ← Ã_ki − η p_i G̃_ki.
/// </summary>
internal sealed class PreconditionedGradientDescent(int size, double[]? preconditioner) : IReadoutUpdate
{
    public long StateBytes => 0;

    public double Apply(double[] readout, double[] gradient, double learningRate)
    {
        if (preconditioner is null)
        {
            for (var i = 0; i < readout.Length; i++)
            {
                readout[i] -= learningRate * gradient[i];
            }

            return 2.0 * readout.Length;
        }

        for (var i = 0; i < readout.Length; i++)
        {
            readout[i] -= learningRate * preconditioner[i % size] * gradient[i];
        }

        return 3.0 * readout.Length;
    }
}
