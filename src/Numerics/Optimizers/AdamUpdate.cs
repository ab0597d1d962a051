using System.Runtime.CompilerServices;

namespace Orchestrator.Numerics.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias correction, elementwise, optionally with decoupled weight decay (AdamW, Loshchilov
/// &amp; Hutter): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), then
/// <list type="bullet">
/// <item>without weight decay (λ null): θ ← θ − η·m̂ / (√v̂ + ε), evaluated as θ − (η·m̂)/(√v̂ + ε);</item>
/// <item>with weight decay λ (0 included): θ ← θ − η·(m̂ / (√v̂ + ε) + λθ), evaluated as
/// θ − (η·(m̂/(√v̂ + ε)) + (ηλ)·θ).</item>
/// </list>
/// The first step is therefore −η·g/(|g| + ε) (−η·(g/(|g| + ε) + λθ) with decay): about η·sign(g) per entry.
/// </summary>
/// <remarks>
/// Numerical guarantee: each entry follows exactly the IEEE operation sequence written above, in that order, so a run
/// is bit-reproducible. The two forms are equal in exact arithmetic but round differently (where η multiplies), which
/// is why "no decay term" is null and not λ = 0: the random-feature <c>adam</c> uses the first form, the FFN
/// <c>adamw</c> the second, and each keeps its results bit for bit. Flops: 14 per entry in either form. State: two
/// arrays of the parameters' length.
/// </remarks>
public sealed class AdamUpdate : IParameterUpdate
{
    private readonly double _beta1, _beta2, _epsilon;
    private readonly double? _weightDecay;
    private readonly double[] _first, _second;
    private int _step;

    /// <param name="length">Length of the parameter array.</param>
    /// <param name="beta1">β₁, decay of the first moment.</param>
    /// <param name="beta2">β₂, decay of the second moment.</param>
    /// <param name="epsilon">ε, added to √v̂.</param>
    /// <param name="weightDecay">Decoupled weight decay λ, or null for none (the update then has no decay term).</param>
    public AdamUpdate(int length, double beta1, double beta2, double epsilon, double? weightDecay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
        _first = new double[length];
        _second = new double[length];
    }

    /// <summary>Decoupled weight decay λ; null when the update has no decay term.</summary>
    public double? WeightDecay => _weightDecay;

    public long StateBytes => 8L * (_first.Length + _second.Length);

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        UpdateLengths.Require(_first.Length, parameters, gradient);
        _step++;
        var firstCorrection = 1.0 - Math.Pow(_beta1, _step);
        var secondCorrection = 1.0 - Math.Pow(_beta2, _step);
        if (_weightDecay is not { } lambda)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var firstHat = Moments(i, gradient[i], firstCorrection, secondCorrection, out var denominator);
                parameters[i] -= learningRate * firstHat / denominator;
            }
        }
        else
        {
            var decay = learningRate * lambda;
            for (var i = 0; i < parameters.Length; i++)
            {
                var firstHat = Moments(i, gradient[i], firstCorrection, secondCorrection, out var denominator);
                parameters[i] -= learningRate * (firstHat / denominator) + decay * parameters[i];
            }
        }

        return 14.0 * parameters.Length;
    }

    /// <summary>Advances both moments of entry <paramref name="i"/>; returns m̂ and gives √v̂ + ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Moments(int i, double g, double firstCorrection, double secondCorrection, out double denominator)
    {
        _first[i] = _beta1 * _first[i] + (1.0 - _beta1) * g;
        _second[i] = _beta2 * _second[i] + (1.0 - _beta2) * g * g;
        denominator = Math.Sqrt(_second[i] / secondCorrection) + _epsilon;
        return _first[i] / firstCorrection;
    }
}
