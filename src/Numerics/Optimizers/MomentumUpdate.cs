namespace Orchestrator.Numerics.Optimizers;

/// <summary>
/// Heavy-ball momentum μ (μ = 0 is plain gradient descent), elementwise, optionally with decoupled weight decay:
/// v ← μv + g, then
/// <list type="bullet">
/// <item>without weight decay (λ null): θ ← θ − η·v;</item>
/// <item>with weight decay λ (0 included): θ ← θ − η·(v + λθ), evaluated as θ − (η·v + (ηλ)·θ).</item>
/// </list>
/// </summary>
/// <remarks>
/// Numerical guarantee: each entry follows exactly the IEEE operation sequence written above, so a run is
/// bit-reproducible. With λ = 0 the decay term adds ±0, which leaves finite parameters unchanged; the forms differ only
/// in flops: 4 per entry without the decay term, 5 with it. State: one array of the parameters' length. The
/// random-feature <c>momentum</c> uses the first form, the FFN <c>sgd</c> the second.
/// </remarks>
public sealed class MomentumUpdate : IParameterUpdate
{
    private readonly double _momentum;
    private readonly double? _weightDecay;
    private readonly double[] _velocity;

    /// <param name="length">Length of the parameter array.</param>
    /// <param name="momentum">μ, the velocity's decay per step.</param>
    /// <param name="weightDecay">Decoupled weight decay λ, or null for none (the update then has no decay term).</param>
    public MomentumUpdate(int length, double momentum, double? weightDecay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _momentum = momentum;
        _weightDecay = weightDecay;
        _velocity = new double[length];
    }

    /// <summary>Decoupled weight decay λ; null when the update has no decay term.</summary>
    public double? WeightDecay => _weightDecay;

    public long StateBytes => 8L * _velocity.Length;

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        UpdateLengths.Require(_velocity.Length, parameters, gradient);
        if (_weightDecay is not { } lambda)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                _velocity[i] = _momentum * _velocity[i] + gradient[i];
                parameters[i] -= learningRate * _velocity[i];
            }

            return 4.0 * parameters.Length;
        }

        var decay = learningRate * lambda;
        for (var i = 0; i < parameters.Length; i++)
        {
            _velocity[i] = _momentum * _velocity[i] + gradient[i];
            parameters[i] -= learningRate * _velocity[i] + decay * parameters[i];
        }

        return 5.0 * parameters.Length;
    }
}
