namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// <c>adam</c> (Kingma &amp; Ba) with bias correction, elementwise on the readout in the standard feature basis:
/// m ← β1 m + (1−β1) G, v ← β2 v + (1−β2) G², A ← A − η m̂ / (√v̂ + ε), m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
/// Not rotation-equivariant and without a fixed preconditioner, so it needs a numeric learning rate.
/// </summary>
public sealed class Adam : IReadoutOptimizer
{
    public string Name => "adam";
    public bool IsRotationEquivariant => false;
    public bool HasFixedPreconditioner => false;

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) =>
        throw new NotSupportedException("adam has no fixed preconditioner");

    public IReadoutUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new Update(outputs * size, settings);

    private sealed class Update(int length, OptimizerSettings settings) : IReadoutUpdate
    {
        private readonly double[] _first = new double[length];
        private readonly double[] _second = new double[length];
        private int _step;

        public long StateBytes => 8L * (_first.Length + _second.Length);

        public double Apply(double[] readout, double[] gradient, double learningRate)
        {
            _step++;
            double beta1 = settings.Beta1, beta2 = settings.Beta2, epsilon = settings.Epsilon;
            var firstCorrection = 1.0 - Math.Pow(beta1, _step);
            var secondCorrection = 1.0 - Math.Pow(beta2, _step);
            for (var i = 0; i < readout.Length; i++)
            {
                var g = gradient[i];
                _first[i] = beta1 * _first[i] + (1.0 - beta1) * g;
                _second[i] = beta2 * _second[i] + (1.0 - beta2) * g * g;
                var firstHat = _first[i] / firstCorrection;
                var secondHat = _second[i] / secondCorrection;
                readout[i] -= learningRate * firstHat / (Math.Sqrt(secondHat) + epsilon);
            }

            return 14.0 * readout.Length;
        }
    }
}
