namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter) with bias correction, elementwise: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// W ← W − η·(m̂ / (√v̂ + ε) + λW) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The first step is therefore
/// −η·(g/(|g| + ε) + λW), about η·sign(g) per entry.
/// </summary>
public sealed class AdamWUpdate(int length, FfnOptimizerSettings settings) : IMatrixUpdate
{
    private readonly double[] _first = new double[length];
    private readonly double[] _second = new double[length];
    private int _step;

    public long Bytes => 16L * length;

    public double Apply(double[] weights, double[] gradient, double learningRate)
    {
        _step++;
        double beta1 = settings.Beta1, beta2 = settings.Beta2, epsilon = settings.Epsilon;
        var firstCorrection = 1.0 - Math.Pow(beta1, _step);
        var secondCorrection = 1.0 - Math.Pow(beta2, _step);
        var decay = learningRate * settings.WeightDecay;
        for (var i = 0; i < length; i++)
        {
            var g = gradient[i];
            _first[i] = beta1 * _first[i] + (1.0 - beta1) * g;
            _second[i] = beta2 * _second[i] + (1.0 - beta2) * g * g;
            var step = _first[i] / firstCorrection / (Math.Sqrt(_second[i] / secondCorrection) + epsilon);
            weights[i] -= learningRate * step + decay * weights[i];
        }

        return 14.0 * length;
    }
}
