using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// SCIENCE.md's ground truth for preconditioned GD from A₀ = 0 in the population regime, computed independently of
/// the kernel's training path with MathNet's EVD: L_T = L_∞ + (1/K) Σ_i ρ_i (1 − η p_i κ'_i)^(2T), ρ_i = ‖B u_i‖²/κ_i,
/// κ'_i = 2κ_i/K, L_∞ = (1/K)(c − Σ_i ρ_i).
/// </summary>
internal sealed class EigenbasisClosedForm
{
    private readonly double[] _kappa;
    private readonly double[] _rho;
    private readonly int _outputs;
    private readonly double _constant;

    public EigenbasisClosedForm(QuadraticObjective objective)
    {
        var n = objective.Size;
        _outputs = objective.Outputs;
        _constant = objective.Constant;
        var h = Matrix<double>.Build.Dense(n, n, (i, j) => objective.Hessian[i * n + j]);
        var b = Matrix<double>.Build.Dense(_outputs, n, (k, i) => objective.Cross[k * n + i]);
        var evd = h.Evd(Symmetricity.Symmetric);
        _kappa = evd.EigenValues.Select(v => v.Real).ToArray();
        var projected = b * evd.EigenVectors; // column i = B u_i
        _rho = new double[n];
        for (var i = 0; i < n; i++)
        {
            var norm = projected.Column(i).DotProduct(projected.Column(i));
            _rho[i] = norm / _kappa[i];
        }
    }

    public double LargestEigenvalue => _kappa.Max();

    /// <summary>L_∞ = (1/K)(c − tr(B H⁺ Bᵀ)).</summary>
    public double ConvergedLoss => (_constant - _rho.Sum()) / _outputs;

    /// <summary>Preconditioner eigenvalues (κ + δ)^(−γ), δ = damping·κ_max.</summary>
    public double[] PowerPreconditioner(double damping, double gamma) =>
        _kappa.Select(k => Math.Pow(k + damping * LargestEigenvalue, -gamma)).ToArray();

    /// <summary>η = 1 / max_i p_i κ'_i.</summary>
    public double AutoLearningRate(double[] preconditioner) =>
        1.0 / _kappa.Select((k, i) => preconditioner[i] * 2.0 * k / _outputs).Max();

    /// <summary>Loss after <paramref name="steps"/> steps of A ← A − η G P.</summary>
    public double Loss(double learningRate, double[] preconditioner, int steps)
    {
        var sum = 0.0;
        for (var i = 0; i < _kappa.Length; i++)
        {
            var factor = 1.0 - learningRate * preconditioner[i] * 2.0 * _kappa[i] / _outputs;
            sum += _rho[i] * Math.Pow(factor, 2.0 * steps);
        }

        return ConvergedLoss + sum / _outputs;
    }

    /// <summary>
    /// Heavy ball V ← μV + G, A ← A − ηV per mode: e_{t+1} = (1 + μ − ηκ'_i) e_t − μ e_{t−1} on the error e = Ã − B̃/κ,
    /// with e_1 = (1 − ηκ'_i) e_0. Loss = L_∞ + (1/K) Σ ρ_i (e_T/e_0)².
    /// </summary>
    public double MomentumLoss(double learningRate, double momentum, int steps)
    {
        var sum = 0.0;
        for (var i = 0; i < _kappa.Length; i++)
        {
            var hessian = 2.0 * _kappa[i] / _outputs;
            double previous = 1.0, current = 1.0 - learningRate * hessian;
            for (var t = 1; t < steps; t++)
            {
                var nextValue = (1.0 + momentum - learningRate * hessian) * current - momentum * previous;
                previous = current;
                current = nextValue;
            }

            sum += _rho[i] * current * current;
        }

        return ConvergedLoss + sum / _outputs;
    }
}
