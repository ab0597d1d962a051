namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// SGD with heavy-ball momentum μ (μ = 0 is plain SGD): V ← μV + g, W ← W − η·(V + λW).
/// </summary>
public sealed class SgdUpdate(int length, FfnOptimizerSettings settings) : IMatrixUpdate
{
    private readonly double[] _velocity = new double[length];

    public long Bytes => 8L * length;

    public double Apply(double[] weights, double[] gradient, double learningRate)
    {
        var momentum = settings.Momentum;
        var decay = learningRate * settings.WeightDecay;
        for (var i = 0; i < length; i++)
        {
            _velocity[i] = momentum * _velocity[i] + gradient[i];
            weights[i] -= learningRate * _velocity[i] + decay * weights[i];
        }

        return 5.0 * length;
    }
}
