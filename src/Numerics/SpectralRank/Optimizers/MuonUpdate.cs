using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// Muon (Jordan et al. 2024) on one matrix: Nesterov momentum M ← μM + g, U = g + μM, U orthogonalised by
/// <see cref="NewtonSchulz"/> and scaled by √max(1, fan_out/fan_in), W ← W − η·(U + λW), evaluated as
/// W − ((η·scale)·U + (ηλ)·W).
/// </summary>
/// <remarks>
/// Specific to the FFN experiment: it needs the matrix shape and dense products. Deterministic: the elementwise passes
/// run in a fixed order and Newton–Schulz's products go through <see cref="IDenseLinearAlgebra"/>, whose results do
/// not depend on the thread count. Flops: 8 per entry plus Newton–Schulz's count.
/// </remarks>
public sealed class MuonUpdate : IParameterUpdate
{
    private readonly FfnOptimizerSettings _settings;
    private readonly NewtonSchulz _orthogonalizer;
    private readonly double[] _momentum;
    private readonly double _scale;

    public MuonUpdate(int rows, int cols, FfnOptimizerSettings settings, IDenseLinearAlgebra algebra)
    {
        _settings = settings;
        _orthogonalizer = new NewtonSchulz(rows, cols, algebra);
        _momentum = new double[(long)rows * cols];
        _scale = Math.Sqrt(Math.Max(1.0, (double)rows / cols));
    }

    /// <summary>The momentum buffer and Newton–Schulz's work arrays.</summary>
    public long StateBytes => 8L * _momentum.Length + _orthogonalizer.Bytes;

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        var mu = _settings.Momentum;
        for (var i = 0; i < gradient.Length; i++)
        {
            _momentum[i] = mu * _momentum[i] + gradient[i];
            gradient[i] += mu * _momentum[i];
        }

        var flops = 4.0 * gradient.Length
            + _orthogonalizer.OrthogonalizeInPlace(gradient, _settings.NewtonSchulzSteps);
        var step = learningRate * _scale;
        var decay = learningRate * _settings.WeightDecay;
        for (var i = 0; i < gradient.Length; i++)
        {
            parameters[i] -= step * gradient[i] + decay * parameters[i];
        }

        return flops + 4.0 * gradient.Length;
    }
}
