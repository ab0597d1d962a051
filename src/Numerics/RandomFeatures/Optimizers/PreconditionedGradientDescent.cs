using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// A ← A − η·G·P for a fixed diagonal-in-eigenbasis preconditioner P (P = I, given as null, is plain gradient
/// descent). In H's eigenbasis the step is elementwise: Ã_ki ← Ã_ki − η p_i G̃_ki, evaluated as Ã − (η·p_i)·G̃.
/// Stateless. Flops: 2 per entry for P = I, 3 otherwise.
/// </summary>
/// <remarks>
/// Specific to the readout: P's diagonal is indexed by feature (entry i of a K×N row-major array has p_(i mod N)).
/// </remarks>
internal sealed class PreconditionedGradientDescent(int size, double[]? preconditioner) : IParameterUpdate
{
    public long StateBytes => 0;

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        if (preconditioner is null)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] -= learningRate * gradient[i];
            }

            return 2.0 * parameters.Length;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * preconditioner[i % size] * gradient[i];
        }

        return 3.0 * parameters.Length;
    }
}
