using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// The <c>online:B</c> gradient: a fresh minibatch each step, Φ = Z Gᵀ (B×N), Y = Z W̃ᵀ (B×K), residual
/// R = A Φᵀ − Yᵀ, G = (2/(KB)) R Φ, whose expectation is the population gradient. With a basis (H's eigenvectors)
/// the features are rotated, Φ̃ = Φ U, so the readout stays in that basis. Returns the minibatch loss ‖R‖²/(KB).
/// </summary>
internal sealed class MinibatchOracle : IGradientOracle
{
    private readonly OnlineSampler _sampler;
    private readonly SymmetricEigendecomposition? _basis;
    private readonly IDenseLinearAlgebra _algebra;
    private readonly double[] _latent, _features, _rotated, _targets, _residual;

    public MinibatchOracle(OnlineSampler sampler, SymmetricEigendecomposition? basis, IDenseLinearAlgebra algebra)
    {
        _sampler = sampler;
        _basis = basis;
        _algebra = algebra;
        int b = sampler.BatchSize, n = sampler.Size, k = sampler.Outputs;
        _latent = new double[(long)b * sampler.LatentDim];
        _features = new double[b * n];
        _rotated = basis is null ? _features : new double[b * n];
        _targets = new double[b * k];
        _residual = new double[k * b];
    }

    public long WorkBytes =>
        8L * (_latent.Length + _features.Length + _targets.Length + _residual.Length
            + (ReferenceEquals(_rotated, _features) ? 0 : _rotated.Length));

    public double Gradient(double[] readout, double[] gradient, int step, ref double flops)
    {
        int b = _sampler.BatchSize, n = _sampler.Size, k = _sampler.Outputs;
        _sampler.DrawLatent(step, _latent);
        flops += _sampler.Featurize(_algebra, _latent, _features, _targets);
        if (_basis is not null)
        {
            _algebra.Multiply(false, true, b, n, n, 1.0, _features, _basis.Eigenvectors, 0.0, _rotated);
            flops += DenseMatrix.MultiplyFlops(b, n, n);
        }

        _algebra.Multiply(false, true, k, b, n, 1.0, readout, _rotated, 0.0, _residual);
        var loss = 0.0;
        for (var row = 0; row < k; row++)
        {
            for (var sample = 0; sample < b; sample++)
            {
                var r = _residual[row * b + sample] - _targets[sample * k + row];
                _residual[row * b + sample] = r;
                loss += r * r;
            }
        }

        _algebra.Multiply(false, false, k, n, b, 2.0 / ((double)k * b), _residual, _rotated, 0.0, gradient);
        flops += DenseMatrix.MultiplyFlops(k, b, n) + 3.0 * k * b + DenseMatrix.MultiplyFlops(k, n, b);
        return loss / ((double)k * b);
    }
}
